package com.example.orders.domain;

import java.util.Optional;
import java.util.UUID;

import com.example.platform.ids.NameBasedUuid;

/**
 * An order's id: a UUID. Orders placed under an idempotency key get a name-based (version 5) UUID
 * computed from the key and its scope, so every retry of a request names the same order and the
 * table's conditional write can refuse a second one.
 */
public record OrderId(UUID value) {

    private static final UUID NAMESPACE = UUID.fromString("6f1c2f8e-3c1a-4d8e-9a47-2b9f0c6d5e11");

    public static OrderId random() {
        return new OrderId(UUID.randomUUID());
    }

    public static OrderId forIdempotencyKey(String scope, String key) {
        return new OrderId(NameBasedUuid.of(NAMESPACE, scope + '\n' + key));
    }

    /** Parses an id from outside (a path, a message); anything that is not a UUID is no order's id. */
    public static Optional<OrderId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OrderId(UUID.fromString(text)));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
