package com.example.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.local.Pause;
import com.example.local.Json;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A function's queue of asynchronous invocations, worked as Lambda works it: an event whose
 * invocation fails is retried up to the configured number of times, a throttled one is retried with
 * backoff, and an event that runs out of retries or age goes to the on-failure destination as
 * Lambda's invocation record. Lambda waits one minute before the first retry and two before the
 * second; locally those waits are one and two seconds, so a failing event reaches its destination
 * while you watch.
 */
final class AsyncInvocations implements AutoCloseable {

    private static final Duration[] RETRY_DELAYS = {Duration.ofSeconds(1), Duration.ofSeconds(2)};
    private static final Duration MAX_THROTTLE_BACKOFF = Duration.ofSeconds(30);

    private record Event(String invokedArn, byte[] payload, Instant received, int attempts, int throttles) {
    }

    private final FunctionConfiguration function;
    private final LambdaService.Invoker invoker;
    private final LambdaService.Destinations destinations;
    private final Trace trace;
    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("async-retries").factory());
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closed;

    AsyncInvocations(FunctionConfiguration function, LambdaService.Invoker invoker, LambdaService.Destinations destinations,
                     Trace trace, int concurrency) {
        this.function = function;
        this.invoker = invoker;
        this.destinations = destinations;
        this.trace = trace;
        for (int i = 0; i < Math.max(1, concurrency); i++) {
            workers.add(Thread.ofVirtual().name(function.logicalId() + "-async-" + i).start(this::work));
        }
    }

    void enqueue(String invokedArn, byte[] payload) {
        pending.incrementAndGet();
        queue.add(new Event(invokedArn, payload, Instant.now(), 0, 0));
    }

    void awaitEmpty(Duration limit) {
        Pause.until(() -> pending.get() == 0, limit, Duration.ofMillis(50));
    }

    private void work() {
        while (!closed) {
            Event event;
            try {
                event = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event != null) {
                handle(event);
            }
        }
    }

    private void handle(Event event) {
        InvokeOutcome outcome = invoker.invoke(FunctionReference.parse(event.invokedArn(), Optional.empty()),
                event.payload(), LambdaService.traceHeader());
        Duration age = Duration.between(event.received(), Instant.now());
        switch (outcome) {
            case InvokeOutcome.Completed(InvocationResult.Answered answered, String version) -> pending.decrementAndGet();
            case InvokeOutcome.Completed(InvocationResult.Failed failed, String version) -> {
                int attempts = event.attempts() + 1;
                if (attempts <= function.asyncInvoke().maximumRetryAttempts()
                        && age.compareTo(function.asyncInvoke().maximumEventAge()) < 0) {
                    Duration delay = RETRY_DELAYS[Math.min(attempts - 1, RETRY_DELAYS.length - 1)];
                    trace.print(Trace.Source.LAMBDA, function.logicalId() + ": asynchronous invocation failed ("
                            + failed.errorType() + "), retry " + attempts + " of "
                            + function.asyncInvoke().maximumRetryAttempts() + " in " + delay.toSeconds() + " s");
                    later(new Event(event.invokedArn(), event.payload(), event.received(), attempts, event.throttles()), delay);
                } else {
                    giveUp(event, attempts, age.compareTo(function.asyncInvoke().maximumEventAge()) >= 0
                            ? "EventAgeExceeded" : "RetriesExhausted", failed);
                }
            }
            case InvokeOutcome.Refused refused when refused.status() == 429
                    && age.compareTo(function.asyncInvoke().maximumEventAge()) < 0 -> {
                Duration backoff = Duration.ofSeconds(1L << Math.min(event.throttles(), 5));
                later(new Event(event.invokedArn(), event.payload(), event.received(), event.attempts(), event.throttles() + 1),
                        backoff.compareTo(MAX_THROTTLE_BACKOFF) > 0 ? MAX_THROTTLE_BACKOFF : backoff);
            }
            case InvokeOutcome.Refused refused -> giveUp(event, event.attempts(), "EventAgeExceeded", null);
            case InvokeOutcome.Queued queued -> pending.decrementAndGet();
        }
    }

    private void later(Event event, Duration delay) {
        delays.schedule(() -> queue.add(event), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void giveUp(Event event, int attempts, String condition, InvocationResult.Failed failure) {
        try {
            Optional<String> destination = function.asyncInvoke().onFailure();
            if (destination.isEmpty()) {
                trace.print(Trace.Source.LAMBDA, function.logicalId() + ": asynchronous event dropped after "
                        + attempts + " attempts (" + condition + "); the function has no on-failure destination");
                return;
            }
            destinations.send(destination.get(), record(event, attempts, condition, failure));
            trace.print(Trace.Source.LAMBDA, function.logicalId() + ": asynchronous event sent to its on-failure destination ("
                    + condition + ", " + attempts + " attempts)");
        } catch (RuntimeException e) {
            trace.print(Trace.Source.LAMBDA, function.logicalId() + ": on-failure destination refused the event: " + e.getMessage());
        } finally {
            pending.decrementAndGet();
        }
    }

    /** Lambda's invocation record, as a destination receives it. */
    private String record(Event event, int attempts, String condition, InvocationResult.Failed failure) {
        ObjectNode requestContext = Json.object().put("requestId", java.util.UUID.randomUUID().toString())
                .put("functionArn", event.invokedArn()).put("condition", condition).put("approximateInvokeCount", attempts);
        ObjectNode record = Json.object().put("version", "1.0").put("timestamp", Instant.now().toString());
        record.set("requestContext", requestContext);
        record.set("requestPayload", payloadJson(event.payload()));
        if (failure != null) {
            record.set("responseContext", Json.object().put("statusCode", 200).put("executedVersion", "$LATEST")
                    .put("functionError", "Unhandled"));
            record.set("responsePayload", payloadJson(failure.payload()));
        }
        return Json.write(record);
    }

    private static JsonNode payloadJson(byte[] payload) {
        try {
            return Json.parse(payload);
        } catch (IllegalArgumentException notJson) {
            return Json.mapper().getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        closed = true;
        delays.shutdownNow();
        workers.forEach(Thread::interrupt);
    }
}
