package com.example.tests.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.platform.json.Json;
import com.example.tests.lambda.TestLambdaContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Runs the real Lambda handlers for moto: moto's Lambda backend (started through
 * {@code tests/src/test/python/moto_server_with_local_lambda.py}) posts each invocation here. A
 * handler that throws answers as Lambda does, with {@code X-Amz-Function-Error} and the exception's
 * class as {@code errorType}; a function told to throttle answers 429, which moto turns into
 * {@code TooManyRequestsException}.
 */
public final class LocalLambdaService implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, RequestStreamHandler> functions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

    private LocalLambdaService(HttpServer server) {
        this.server = server;
    }

    public static LocalLambdaService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            LocalLambdaService service = new LocalLambdaService(server);
            server.createContext("/", service::invoke);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void register(String functionName, RequestStreamHandler handler) {
        functions.put(functionName, handler);
    }

    /** The next {@code times} invocations of the function are throttled, as Lambda does under load. */
    public void throttleNext(String functionName, int times) {
        throttled.computeIfAbsent(functionName, name -> new AtomicInteger()).set(times);
    }

    /** Invocations that reached the handler (throttled ones did not). */
    public int invocations(String functionName) {
        return invocations.getOrDefault(functionName, new AtomicInteger()).get();
    }

    private void invoke(HttpExchange exchange) throws IOException {
        String functionName = exchange.getRequestURI().getPath().substring(1);
        byte[] payload = exchange.getRequestBody().readAllBytes();
        RequestStreamHandler handler = functions.get(functionName);
        if (handler == null) {
            answer(exchange, 404, Map.of(), ("No function " + functionName + " is registered").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (throttled.getOrDefault(functionName, new AtomicInteger()).getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            answer(exchange, 429, Map.of(), "Rate exceeded".getBytes(StandardCharsets.UTF_8));
            return;
        }
        invocations.computeIfAbsent(functionName, name -> new AtomicInteger()).incrementAndGet();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream input = new ByteArrayInputStream(payload)) {
            handler.handleRequest(input, output, TestLambdaContext.of(functionName));
            answer(exchange, 200, Map.of(), output.toByteArray());
        } catch (Exception | Error failure) {
            String error = Json.write(Map.of("errorType", failure.getClass().getName(),
                    "errorMessage", String.valueOf(failure.getMessage()),
                    "stackTrace", Arrays.stream(failure.getStackTrace()).limit(20).map(String::valueOf).toList()));
            answer(exchange, 200, Map.of("X-Amz-Function-Error", "Unhandled"), error.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
