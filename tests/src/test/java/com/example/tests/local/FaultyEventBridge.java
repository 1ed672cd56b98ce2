package com.example.tests.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An EventBridge endpoint that refuses the entries of the next PutEvents calls, as EventBridge does
 * when throttled (HTTP 200 with {@code FailedEntryCount} 1), and passes every other call on to the
 * real local implementation; or, without one, accepts every entry and counts it (a sink for tests
 * that publish more events than a local implementation should store).
 */
public final class FaultyEventBridge implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding");

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger refusals = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();

    private FaultyEventBridge(HttpServer server, URI target) {
        this.server = server;
        this.target = target;
    }

    /** Accepts every entry of every PutEvents, forwarding nothing. */
    public static FaultyEventBridge sink() {
        return forwardingTo(null);
    }

    /** Entries a sink accepted. */
    public long acceptedEntries() {
        return accepted.get();
    }

    public static FaultyEventBridge forwardingTo(URI target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            FaultyEventBridge proxy = new FaultyEventBridge(server, target);
            server.createContext("/", proxy::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void refuseNext(int putEventsCalls) {
        refusals.set(putEventsCalls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String action = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (action != null && action.endsWith("PutEvents") && refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            reply(exchange, 200, refusal(entries(body)).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (target == null) {
            int entries = entries(body);
            accepted.addAndGet(entries);
            StringBuilder answer = new StringBuilder("{\"FailedEntryCount\":0,\"Entries\":[");
            for (int i = 0; i < entries; i++) {
                answer.append(i == 0 ? "" : ",").append("{\"EventId\":\"sink-").append(i).append("\"}");
            }
            reply(exchange, 200, answer.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> forward.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            reply(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 503, new byte[0]);
        }
    }

    private static int entries(byte[] putEventsBody) {
        return com.example.platform.json.Json.parse(new String(putEventsBody, StandardCharsets.UTF_8)).path("Entries").size();
    }

    /** EventBridge answers one result per entry; a throttled call refuses each of them. */
    private static String refusal(int entries) {
        StringBuilder answer = new StringBuilder("{\"FailedEntryCount\":" + entries + ",\"Entries\":[");
        for (int i = 0; i < entries; i++) {
            answer.append(i == 0 ? "" : ",").append("{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"Rate exceeded\"}");
        }
        return answer.append("]}").toString();
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
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
