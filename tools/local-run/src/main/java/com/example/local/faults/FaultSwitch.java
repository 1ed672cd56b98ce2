package com.example.local.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.example.local.Json;
import com.example.local.servers.HttpServers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The fault switch's API, at {@value #PATH} on the local AWS endpoint (never on a deployed stack):
 * {@code POST} a fault ({@code {"service":"dynamodb","operation":"*","rate":0.5,"seconds":20}}, and
 * {@code "resource"} to narrow it), {@code GET} the faults asked for with the calls each failed,
 * {@code DELETE} to end them all.
 */
public final class FaultSwitch implements HttpHandler {

    public static final String PATH = "/_local/faults";

    private final FaultInjection faults;

    public FaultSwitch(FaultInjection faults) {
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            switch (exchange.getRequestMethod()) {
                case "GET" -> reply(exchange, 200, listing());
                case "POST" -> {
                    Fault fault = parse(Json.parse(exchange.getRequestBody().readAllBytes()), faults.now());
                    faults.inject(fault);
                    reply(exchange, 201, describe(fault, 0));
                }
                case "DELETE" -> {
                    faults.clear();
                    reply(exchange, 200, listing());
                }
                default -> reply(exchange, 405, Json.object().put("message", "GET, POST or DELETE " + PATH));
            }
        } catch (IllegalArgumentException invalid) {
            reply(exchange, 400, Json.object().put("message", invalid.getMessage()));
        }
    }

    /** A fault as a drill asks for it; every field checked, every mistake named. */
    static Fault parse(JsonNode request, Instant now) {
        if (!request.isObject()) {
            throw new IllegalArgumentException("A fault is a JSON object: service, operation, rate, seconds (and resource)");
        }
        return Fault.lasting(text(request, "service"), text(request, "operation"),
                Optional.ofNullable(request.get("resource")).map(JsonNode::asText), number(request, "rate"),
                Duration.ofSeconds((long) number(request, "seconds")), now);
    }

    private ObjectNode listing() {
        ArrayNode list = Json.array();
        faults.history().forEach(injected -> list.add(describe(injected.fault(), injected.strikes().get())
                .put("active", injected.activeAt(faults.now()))));
        ObjectNode answer = Json.object();
        answer.set("faults", list);
        return answer;
    }

    private static ObjectNode describe(Fault fault, long strikes) {
        ObjectNode node = Json.object().put("service", fault.kind().service()).put("operation", fault.operation())
                .put("error", fault.kind().error()).put("rate", fault.rate()).put("until", fault.until().toString())
                .put("failedCalls", strikes);
        fault.resource().ifPresent(resource -> node.put("resource", resource));
        return node;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("A fault needs \"" + field + "\", a string");
        }
        return value.asText();
    }

    private static double number(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("A fault needs \"" + field + "\", a number");
        }
        return value.asDouble();
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        HttpServers.answer(exchange, status, Map.of("Content-Type", "application/json"),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
