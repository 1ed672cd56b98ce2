package com.example.local.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeoutException;

import com.example.local.Pause;
import com.example.local.Json;

/**
 * One execution environment: a JVM under the runtime interface client, with its own Runtime API.
 * It is started, initialises the handler (and, for SnapStart, runs the priming hooks before asking
 * for its restore), then serves one invocation at a time. An invocation that outlives the function's
 * timeout, or a runtime that exits, ends the environment, as in Lambda.
 */
final class ExecutionEnvironment implements AutoCloseable {

    /** Lambda returns the last 4 KB of an invocation's log with {@code LogType: Tail}. */
    private static final int LOG_TAIL_CHARACTERS = 4096;
    /** How long the output must be still before the tail is taken, and the most the tail waits for that. */
    private static final Duration OUTPUT_QUIET = Duration.ofMillis(15);
    private static final Duration OUTPUT_SETTLE_LIMIT = Duration.ofMillis(250);

    private final FunctionConfiguration function;
    private final RuntimeApi runtimeApi;
    private final Process process;
    private final long startedNanos;
    private final FunctionLog log;
    private boolean coldStartReported;
    private final StringBuilder invocationOutput = new StringBuilder();
    private final AtomicLong linesRead = new AtomicLong();
    private volatile boolean invoking;

    private ExecutionEnvironment(FunctionConfiguration function, RuntimeApi runtimeApi, Process process,
                                 long startedNanos, FunctionLog log) {
        this.function = function;
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /** Starts the JVM; {@link #awaitReady} waits for its init. */
    static ExecutionEnvironment start(FunctionConfiguration function, ManagedJavaRuntime runtime, FunctionLog log) {
        RuntimeApi runtimeApi = new RuntimeApi();
        String logStream = LocalDate.now() + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
        ProcessBuilder builder = new ProcessBuilder(runtime.command(function))
                .directory(runtime.taskRoot(function).toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(runtime.environment(function, runtimeApi.address(), logStream));
        try {
            long started = System.nanoTime();
            Process process = builder.start();
            ExecutionEnvironment environment = new ExecutionEnvironment(function, runtimeApi, process, started, log);
            Thread.ofVirtual().name(function.logicalId() + "-output").start(environment::forwardOutput);
            return environment;
        } catch (IOException e) {
            runtimeApi.close();
            throw new UncheckedIOException("Cannot start " + function.logicalId(), e);
        }
    }

    /**
     * Waits until the runtime asks for its first invocation. Fails with the runtime's init error, or
     * when the JVM exits or the time runs out first.
     */
    void awaitReady(Duration limit) {
        CompletableFuture<Object> readyOrExit = CompletableFuture.anyOf(runtimeApi.ready(), process.onExit());
        try {
            readyOrExit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new IllegalStateException(function.logicalId() + " did not initialise within " + limit);
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof RuntimeApi.InitFailed initFailed) {
                throw new IllegalStateException(function.logicalId() + " failed to initialise: " + initFailed.getMessage());
            }
            throw new IllegalStateException(function.logicalId() + " failed to initialise", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!runtimeApi.ready().isDone()) {
            close();
            throw new IllegalStateException(function.logicalId() + "'s runtime exited during init with status "
                    + process.exitValue() + "; see its log");
        }
    }

    /** Process start to the first {@code /next}: what Lambda reports as Init Duration. */
    double initDurationMs() {
        return (runtimeApi.ready().join() - startedNanos) / 1e6;
    }

    /** Process start to the restore request, for SnapStart functions: init plus the priming hooks. */
    OptionalDouble primedAfterMs() {
        long restore = runtimeApi.restoreRequestedNanos();
        return restore == 0 ? OptionalDouble.empty() : OptionalDouble.of((restore - startedNanos) / 1e6);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Kills the JVM after a delay, as an out-of-memory kill or a host failure would: no shutdown hook runs. */
    void killSoon(Duration delay) {
        Thread.ofVirtual().name(function.logicalId() + "-crash").start(() -> {
            if (Pause.sleep(delay)) {
                process.destroyForcibly();
            }
        });
    }

    long pid() {
        return process.pid();
    }

    InvocationResult invoke(Invocation invocation) {
        log.start(invocation.requestId(), "$LATEST");
        synchronized (invocationOutput) {
            invocationOutput.setLength(0);
            invoking = true;
        }
        long started = System.nanoTime();
        Instant deadline = Instant.now().plus(invocation.timeout());
        CompletableFuture<RuntimeApi.Outcome> outcome = runtimeApi.submit(invocation, deadline);
        InvocationResult result;
        try {
            CompletableFuture.anyOf(outcome, process.onExit())
                    .get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            result = outcome.isDone() ? result(invocation, outcome.join(), started) : exited(invocation, started);
        } catch (TimeoutException e) {
            close();
            result = timedOut(invocation, started);
        } catch (ExecutionException e) {
            result = exited(invocation, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            result = exited(invocation, started);
        }
        log.end(invocation.requestId());
        log.report(result.report());
        return result;
    }

    /** What the runtime printed since the invocation began, at most its last 4 KB, with the REPORT line. */
    private String tail(InvocationReport report) {
        awaitOutputQuiet();
        synchronized (invocationOutput) {
            invoking = false;
            invocationOutput.append(report.line()).append('\n');
            int excess = invocationOutput.length() - LOG_TAIL_CHARACTERS;
            return excess > 0 ? invocationOutput.substring(excess) : invocationOutput.toString();
        }
    }

    /**
     * Lines a function printed just before it answered may still be in the pipe when the answer
     * arrives: the tail waits until the output has been quiet briefly (bounded), so it holds them.
     */
    private void awaitOutputQuiet() {
        long deadline = System.nanoTime() + OUTPUT_SETTLE_LIMIT.toNanos();
        long seen = linesRead.get();
        while (System.nanoTime() < deadline) {
            if (!Pause.sleep(OUTPUT_QUIET)) {
                return;
            }
            long now = linesRead.get();
            if (now == seen) {
                return;
            }
            seen = now;
        }
    }

    private InvocationResult result(Invocation invocation, RuntimeApi.Outcome outcome, long started) {
        return switch (outcome) {
            case RuntimeApi.Outcome.Response(byte[] payload) -> {
                InvocationReport report = report(invocation, started, "success");
                yield new InvocationResult.Answered(payload, report, tail(report));
            }
            case RuntimeApi.Outcome.Error(String category, byte[] payload) -> failed(errorType(payload, category), payload,
                    report(invocation, started, "error"));
        };
    }

    /**
     * The error's type as callers see it (a Step Functions Catch, a destination record): the
     * {@code errorType} of the error object; the runtime's category header only when it has none.
     */
    private static String errorType(byte[] payload, String category) {
        try {
            return Json.parse(payload).path("errorType").asText(category);
        } catch (IllegalArgumentException notJson) {
            return category;
        }
    }

    private InvocationResult timedOut(Invocation invocation, long started) {
        String message = String.format(java.util.Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds",
                invocation.requestId(), function.timeout().toMillis() / 1000.0);
        return failed("Sandbox.Timedout", error("Sandbox.Timedout", message), report(invocation, started, "timeout"));
    }

    private InvocationResult exited(Invocation invocation, long started) {
        String status = process.isAlive() ? "unknown" : "exit status " + process.exitValue();
        String message = "RequestId: " + invocation.requestId() + " Error: Runtime exited with error: " + status;
        return failed("Runtime.ExitError", error("Runtime.ExitError", message), report(invocation, started, "error"));
    }

    private InvocationResult failed(String errorType, byte[] payload, InvocationReport report) {
        return new InvocationResult.Failed(errorType, payload, report, tail(report));
    }

    private static byte[] error(String type, String message) {
        return Json.write(Json.object().put("errorType", type).put("errorMessage", message))
                .getBytes(StandardCharsets.UTF_8);
    }

    private synchronized InvocationReport report(Invocation invocation, long started, String status) {
        double duration = (System.nanoTime() - started) / 1e6;
        OptionalDouble init = coldStartReported ? OptionalDouble.empty() : OptionalDouble.of(initDurationMs());
        coldStartReported = true;
        return new InvocationReport(invocation.requestId(), duration, function.memoryMb(), maxMemoryUsedMb(), init, status);
    }

    /** The JVM's peak resident memory (VmHWM), as Lambda's Max Memory Used; 0 where /proc is absent. */
    long maxMemoryUsedMb() {
        return procStatus("VmHWM:");
    }

    /** The JVM's resident memory now (VmRSS). */
    long residentMemoryMb() {
        return procStatus("VmRSS:");
    }

    private long procStatus(String field) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | NumberFormatException unavailable) {
            return 0;
        }
        return 0;
    }

    private void forwardOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                linesRead.incrementAndGet();
                log.functionLine(line);
                synchronized (invocationOutput) {
                    if (invoking) {
                        invocationOutput.append(line).append('\n');
                    }
                }
            }
        } catch (IOException closed) {
            // The process is gone; so is its output.
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        runtimeApi.close();
    }
}
