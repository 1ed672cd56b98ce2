package com.example.local.faults;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * The local run's fault switch: the faults a drill asked for, consulted by the services where each
 * fault shows (the AWS endpoint, EventBridge, the Lambda service). Empty, and so inert, unless asked.
 */
public final class FaultInjection {

    /** A fault asked for, and how many calls it has failed so far. */
    public record Injected(Fault fault, AtomicLong strikes) {

        public boolean activeAt(Instant now) {
            return fault.activeAt(now);
        }
    }

    private final Clock clock;
    private final DoubleSupplier random;
    private final List<Injected> injected = new CopyOnWriteArrayList<>();

    public FaultInjection(Clock clock, DoubleSupplier random) {
        this.clock = clock;
        this.random = random;
    }

    /** The local run's switch: nothing injected, the system clock, a fresh random draw per call. */
    public static FaultInjection switchedOff() {
        return new FaultInjection(Clock.systemUTC(), Math::random);
    }

    public void inject(Fault fault) {
        injected.add(new Injected(fault, new AtomicLong()));
    }

    public void clear() {
        injected.clear();
    }

    /**
     * The fault this call suffers, if any: an active fault covers it and the draw falls within its
     * rate. {@code resource} is what the call names (a target ARN, a function), or "".
     */
    public Optional<Fault> strikes(String service, String operation, String resource) {
        if (injected.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        for (Injected candidate : injected) {
            Fault fault = candidate.fault();
            if (fault.activeAt(now) && fault.matches(service, operation, resource) && random.getAsDouble() < fault.rate()) {
                candidate.strikes().incrementAndGet();
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    /** Every fault asked for since the last clear, active or ended, with the calls it failed. */
    public List<Injected> history() {
        return List.copyOf(injected);
    }

    public Instant now() {
        return clock.instant();
    }
}
