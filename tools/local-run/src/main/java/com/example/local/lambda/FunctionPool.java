package com.example.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.example.local.Json;
import com.example.local.faults.FaultInjection;
import com.example.local.trace.Trace;

/**
 * A function's execution environments, as Lambda keeps them: an invocation takes an idle one, or
 * starts a new one (a cold start) while fewer than {@code maxEnvironments} run; an environment that
 * timed out or whose runtime exited is discarded. Beyond the bound, invocations wait for an
 * environment: a limit of this machine, not Lambda's (the Lambda service throttles at reserved
 * concurrency before that).
 */
public final class FunctionPool implements FunctionRuntime {

    /** How long SnapStart lets init and priming run (versions are published in up to 15 minutes). */
    private static final Duration SNAPSTART_INIT_LIMIT = Duration.ofMinutes(15);
    /** Lambda's init phase limit for on-demand functions. */
    private static final Duration ON_DEMAND_INIT_LIMIT = Duration.ofSeconds(10);

    private final FunctionConfiguration function;
    private final ManagedJavaRuntime runtime;
    private final FunctionLog log;
    private final Trace trace;
    private final int maxEnvironments;
    private final FaultInjection faults;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private final List<ExecutionEnvironment> all = new ArrayList<>();
    private int starting;
    private boolean closed;

    public FunctionPool(FunctionConfiguration function, ManagedJavaRuntime runtime, FunctionLog log, Trace trace,
                        int maxEnvironments) {
        this(function, runtime, log, trace, maxEnvironments, FaultInjection.switchedOff());
    }

    /** A pool whose environments crash mid-invocation when the fault switch says so ({@code lambda Crash}). */
    public FunctionPool(FunctionConfiguration function, ManagedJavaRuntime runtime, FunctionLog log, Trace trace,
                        int maxEnvironments, FaultInjection faults) {
        this.faults = faults;
        this.function = function;
        this.runtime = runtime;
        this.log = log;
        this.trace = trace;
        this.maxEnvironments = maxEnvironments;
    }

    public FunctionConfiguration function() {
        return function;
    }

    /** Starts one environment and waits for its init, so the first request finds it ready. */
    public void warm() {
        lock.lock();
        try {
            starting++;
        } finally {
            lock.unlock();
        }
        release(startEnvironment());
    }

    @Override
    public InvocationResult invoke(Invocation invocation) {
        ExecutionEnvironment environment;
        try {
            environment = acquire();
        } catch (InitFailure failure) {
            return failure.asResult(invocation, function.memoryMb());
        }
        try {
            faults.strikes("lambda", "Crash", function.logicalId()).ifPresent(fault -> {
                trace.print(Trace.Source.LAMBDA, function.logicalId() + ": its runtime will be killed during this invocation"
                        + " (fault injected)");
                environment.killSoon(crashDelay(invocation.requestId()));
            });
            return environment.invoke(invocation);
        } finally {
            if (environment.alive()) {
                release(environment);
            } else {
                discard(environment);
            }
        }
    }

    /** A crash lands 20 to 220 ms into the invocation: after the event is taken, often in the middle of the work. */
    private static Duration crashDelay(String requestId) {
        return Duration.ofMillis(20 + Math.floorMod(requestId.hashCode(), 200));
    }

    /** Environments running now. */
    public int environments() {
        lock.lock();
        try {
            return all.size();
        } finally {
            lock.unlock();
        }
    }

    /** Resident memory of every environment of the function, in MB. */
    public long residentMemoryMb() {
        lock.lock();
        try {
            return all.stream().mapToLong(ExecutionEnvironment::residentMemoryMb).sum();
        } finally {
            lock.unlock();
        }
    }

    private ExecutionEnvironment acquire() {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new InitFailure("Runtime.Unavailable", function.logicalId() + " is shutting down");
                }
                ExecutionEnvironment ready = idle.pollFirst();
                if (ready != null && ready.alive()) {
                    return ready;
                }
                if (ready != null) {
                    all.remove(ready);
                    continue;
                }
                if (all.size() + starting < maxEnvironments) {
                    starting++;
                    break;
                }
                released.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        return startEnvironment();
    }

    private ExecutionEnvironment startEnvironment() {
        ExecutionEnvironment environment = null;
        try {
            environment = ExecutionEnvironment.start(function, runtime, log);
            environment.awaitReady(function.snapStart() ? SNAPSTART_INIT_LIMIT : ON_DEMAND_INIT_LIMIT);
            traceStart(environment);
            lock.lock();
            try {
                all.add(environment);
            } finally {
                lock.unlock();
            }
            return environment;
        } catch (RuntimeException e) {
            trace.print(Trace.Source.LAMBDA, function.logicalId() + ": init failed: " + e.getMessage());
            throw new InitFailure("Runtime.InitError", e.getMessage());
        } finally {
            lock.lock();
            try {
                starting--;
                released.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void traceStart(ExecutionEnvironment environment) {
        OptionalDouble primed = environment.primedAfterMs();
        trace.print(Trace.Source.LAMBDA, String.format(Locale.ROOT, "%s: execution environment ready (pid %d) after %.0f ms%s, %d MB resident",
                function.logicalId(), environment.pid(), environment.initDurationMs(),
                primed.isPresent() ? String.format(Locale.ROOT, ", SnapStart priming done at %.0f ms", primed.getAsDouble()) : "",
                environment.residentMemoryMb()));
    }

    private void release(ExecutionEnvironment environment) {
        lock.lock();
        try {
            if (closed) {
                environment.close();
                return;
            }
            idle.addFirst(environment);
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void discard(ExecutionEnvironment environment) {
        environment.close();
        lock.lock();
        try {
            all.remove(environment);
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<ExecutionEnvironment> running;
        lock.lock();
        try {
            closed = true;
            running = List.copyOf(all);
            all.clear();
            idle.clear();
            released.signalAll();
        } finally {
            lock.unlock();
        }
        running.parallelStream().forEach(ExecutionEnvironment::close);
    }

    /** An environment that could not be started: the invocation fails as Lambda fails it. */
    private static final class InitFailure extends RuntimeException {

        private final String errorType;

        InitFailure(String errorType, String message) {
            super(message);
            this.errorType = errorType;
        }

        InvocationResult asResult(Invocation invocation, int memoryMb) {
            byte[] payload = Json.write(Json.object().put("errorType", errorType).put("errorMessage", getMessage()))
                    .getBytes(StandardCharsets.UTF_8);
            InvocationReport report = new InvocationReport(invocation.requestId(), 0, memoryMb, 0, OptionalDouble.empty(), "error");
            return new InvocationResult.Failed(errorType, payload, report, getMessage() + "\n" + report.line() + "\n");
        }
    }
}
