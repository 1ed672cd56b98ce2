package com.example.local.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One injected fault: calls of an operation of a service fail at a rate until a moment.
 *
 * @param kind      what fails and how (the service and the error it answers)
 * @param operation the operation whose calls fail ("*": every DynamoDB action)
 * @param resource when present, only calls naming a resource that contains it (a target ARN, a function)
 * @param rate     the share of matching calls that fail, above 0 and at most 1
 * @param until    when the fault ends by itself
 */
public record Fault(FaultKind kind, String operation, Optional<String> resource, double rate, Instant until) {

    /** A fault lasts at most an hour: a forgotten switch must not outlive a working session. */
    public static final Duration LONGEST = Duration.ofHours(1);

    public Fault {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate is the share of calls that fail: above 0 and at most 1, not " + rate);
        }
        if (resource.isPresent() && resource.get().isBlank()) {
            throw new IllegalArgumentException("resource, when given, names part of a resource, not a blank");
        }
    }

    /** A fault that starts now and lasts the given time (at most {@link #LONGEST}). */
    public static Fault lasting(String service, String operation, Optional<String> resource, double rate, Duration duration,
                                Instant now) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("seconds is how long the fault lasts: 1 to " + LONGEST.toSeconds()
                    + ", not " + duration.toSeconds());
        }
        return new Fault(FaultKind.of(service, operation), operation, resource, rate, now.plus(duration));
    }

    boolean activeAt(Instant now) {
        return now.isBefore(until);
    }

    boolean matches(String service, String operation, String calledResource) {
        return kind.service().equals(service) && (this.operation.equals("*") || this.operation.equals(operation))
                && resource.map(calledResource::contains).orElse(true);
    }
}
