package com.example.endtoend;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** Placing orders through the API and following them to where they end. */
final class Orders {

    /** Statuses an order does not leave. */
    static final Set<String> FINAL = Set.of("INVOICED", "REJECTED", "FAILED");
    /** Long enough for the local run on a small machine and for a deployed stack; no test measures time. */
    static final Duration SETTLE = Duration.ofSeconds(90);

    private final Api api;

    Orders(Api api) {
        this.api = api;
    }

    /** A customer id no earlier run used, so a test finds exactly its own orders. */
    static String newCustomer() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static String request(String customerId, String currency, int quantity, String unitPrice) {
        return "{\"customerId\":\"" + customerId + "\",\"currency\":\"" + currency + "\",\"lines\":[{\"sku\":\"E2E-BOOK\","
                + "\"quantity\":" + quantity + ",\"unitPrice\":\"" + unitPrice + "\"}]}";
    }

    Api.Answer place(String idempotencyKey, String body) {
        return api.post("/orders", body, Map.of("Idempotency-Key", idempotencyKey));
    }

    /** Places an order and answers its Location, failing when the API does not accept it. */
    String placed(String body) {
        Api.Answer answer = place("e2e-" + UUID.randomUUID(), body);
        if (answer.status() != 202) {
            throw new AssertionError("The order was not accepted: " + answer);
        }
        return answer.header("Location");
    }

    JsonNode read(String location) {
        Api.Answer answer = api.get(location);
        if (answer.status() != 200) {
            throw new AssertionError("GET " + location + " answered " + answer);
        }
        return answer.json();
    }

    /** Reads the order until it has the status (failing early if it ends in another). */
    JsonNode awaitStatus(String location, String status) {
        return Eventually.until(location + " to be " + status, SETTLE, () -> read(location),
                order -> {
                    String now = order.path("status").asText();
                    if (FINAL.contains(now) && !now.equals(status)) {
                        throw new AssertionError(location + " ended " + now + ", not " + status + ": " + order);
                    }
                    return now.equals(status);
                });
    }
}
