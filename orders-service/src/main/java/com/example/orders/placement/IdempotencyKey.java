package com.example.orders.placement;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A client's idempotency key and the scope it is unique in (the calling principal for the API), so
 * two clients choosing the same key never collide.
 */
public record IdempotencyKey(String scope, String value) {

    /** Visible ASCII, 1 to 255 characters: what fits a header and a DynamoDB key comfortably. */
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    public IdempotencyKey {
        Objects.requireNonNull(scope, "scope");
        if (!isValid(value)) {
            throw new IllegalArgumentException("Not an idempotency key: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }
}
