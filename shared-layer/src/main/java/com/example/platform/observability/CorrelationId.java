package com.example.platform.observability;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that ties together every log line, record and event one request causes. A caller may
 * send its own; one that is absent or not a safe token is replaced by a new one (a tracing header
 * never fails an order), and the answer tells the caller which id was used.
 */
public record CorrelationId(String value) {

    public static final String HEADER = "X-Correlation-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public CorrelationId {
        if (!isSafe(value)) {
            throw new IllegalArgumentException("Not a correlation id: " + value);
        }
    }

    public static CorrelationId fromCaller(Optional<String> supplied) {
        return supplied.filter(CorrelationId::isSafe).map(CorrelationId::new).orElseGet(CorrelationId::generate);
    }

    public static CorrelationId generate() {
        return new CorrelationId(UUID.randomUUID().toString());
    }

    private static boolean isSafe(String value) {
        return value != null && SAFE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
