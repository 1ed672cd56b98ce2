package com.example.platform.http;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer. {@code type} is a relative
 * URI naming the problem kind (the README lists them); {@code errors} lists what is wrong with
 * the request, one {@link Violation} each.
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      String correlationId, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = List.copyOf(errors);
    }

    public static Problem of(String type, String title, int status, String detail, String instance,
                             String correlationId) {
        return new Problem(type, title, status, detail, instance, correlationId, List.of());
    }

    /** A 400: the request breaks its contract; {@code violations} says where and how. */
    public static Problem invalidRequest(String instance, String correlationId, List<Violation> violations) {
        return new Problem("/problems/invalid-request", "The request is not valid", 400,
                "See errors for each member that is wrong.", instance, correlationId, violations);
    }

    /**
     * One thing wrong with the request: where, as a JSON Pointer into the body ({@code /lines/0/sku})
     * or {@code header:Name} / {@code path:name}, and why.
     */
    public record Violation(String location, String detail) {
    }
}
