package com.example.local.lambda;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.example.local.servers.HttpServers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Lambda Runtime API (2018-06-01) for one execution environment: the runtime interface client
 * asks {@code /invocation/next} for work and posts each answer or error back. Also the init error
 * and the SnapStart {@code /restore/next} call, which the client makes once its checkpoint hooks
 * (the priming) have run.
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    /** What the runtime did with an invocation. */
    sealed interface Outcome {
        record Response(byte[] payload) implements Outcome {
        }

        record Error(String errorType, byte[] payload) implements Outcome {
        }
    }

    private final HttpServer server;
    /** An invocation an environment has taken, with the deadline that started then. */
    private record Taken(Invocation invocation, Instant deadline) {
    }

    private final LinkedBlockingQueue<Taken> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> ready = new CompletableFuture<>();
    private volatile long restoreRequestedNanos;
    private volatile boolean closed;

    RuntimeApi() {
        this.server = HttpServers.start(0, this::handle);
    }

    /** {@code host:port}, as {@code AWS_LAMBDA_RUNTIME_API} gives it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes with {@link System#nanoTime()} of the first {@code /next}: init is over. Fails on an init error. */
    CompletableFuture<Long> ready() {
        return ready;
    }

    /**
     * {@link System#nanoTime()} of the SnapStart restore request (0 when there was none): the client
     * makes it once the checkpoint hooks, the priming, have run.
     */
    long restoreRequestedNanos() {
        return restoreRequestedNanos;
    }

    /** Hands the invocation to the runtime's next {@code /next}; completes when it answers. */
    CompletableFuture<Outcome> submit(Invocation invocation, Instant deadline) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        inFlight.put(invocation.requestId(), outcome);
        queue.add(new Taken(invocation, deadline));
        return outcome;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith(PREFIX)) {
            HttpServers.answer(exchange, 404, Map.of(), new byte[0]);
            return;
        }
        String call = path.substring(PREFIX.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && call.equals("invocation/next")) {
            next(exchange);
        } else if (method.equals("GET") && call.equals("restore/next")) {
            restoreRequestedNanos = System.nanoTime();
            HttpServers.answer(exchange, 200, Map.of(), new byte[0]);
        } else if (method.equals("POST") && (call.equals("init/error") || call.equals("restore/error"))) {
            ready.completeExceptionally(new InitFailed(errorType(exchange), body));
            HttpServers.answer(exchange, 202, Map.of(), ACCEPTED);
        } else if (method.equals("POST") && call.startsWith("invocation/") && call.endsWith("/response")) {
            complete(call, "/response", new Outcome.Response(body));
            HttpServers.answer(exchange, 202, Map.of(), ACCEPTED);
        } else if (method.equals("POST") && call.startsWith("invocation/") && call.endsWith("/error")) {
            complete(call, "/error", new Outcome.Error(errorType(exchange), body));
            HttpServers.answer(exchange, 202, Map.of(), ACCEPTED);
        } else {
            HttpServers.answer(exchange, 404, Map.of(), new byte[0]);
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        ready.complete(System.nanoTime());
        Taken taken = null;
        try {
            while (taken == null && !closed) {
                taken = queue.poll(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (taken == null) {
            exchange.close();
            return;
        }
        Invocation invocation = taken.invocation();
        HttpServers.answer(exchange, 200, Map.of(
                "Content-Type", "application/json",
                "Lambda-Runtime-Aws-Request-Id", invocation.requestId(),
                "Lambda-Runtime-Deadline-Ms", Long.toString(taken.deadline().toEpochMilli()),
                "Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn(),
                "Lambda-Runtime-Trace-Id", invocation.traceHeader()), invocation.payload());
    }

    private void complete(String call, String suffix, Outcome outcome) {
        String requestId = URI.create(call.substring("invocation/".length(), call.length() - suffix.length())).getPath();
        CompletableFuture<Outcome> waiting = inFlight.remove(requestId);
        if (waiting != null) {
            waiting.complete(outcome);
        }
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null ? "Unhandled" : type;
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
    }

    /** The runtime reported that init failed (or, on SnapStart, the restore). */
    static final class InitFailed extends RuntimeException {

        private final String errorType;
        private final byte[] payload;

        InitFailed(String errorType, byte[] payload) {
            super(errorType + ": " + new String(payload, StandardCharsets.UTF_8));
            this.errorType = errorType;
            this.payload = payload;
        }

        String errorType() {
            return errorType;
        }

        byte[] payload() {
            return payload;
        }
    }
}
