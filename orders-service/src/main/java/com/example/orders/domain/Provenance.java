package com.example.orders.domain;

import java.util.Objects;

/**
 * What caused an order: the correlation id of the whole flow, the id of the request that placed it,
 * and who placed it (the signing principal's ARN, or {@code partner:<id>} for a partner file), so
 * that its placer can be kept from reviewing it.
 */
public record Provenance(String correlationId, String causationId, String placedBy) {

    /** The placer of an order stored before placers were recorded. */
    public static final String PLACER_NOT_RECORDED = "not-recorded";

    public Provenance {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(placedBy, "placedBy");
    }
}
