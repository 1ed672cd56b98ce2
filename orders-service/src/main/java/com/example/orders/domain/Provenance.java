package com.example.orders.domain;

import java.util.Objects;

/** What caused an order: the correlation id of the whole flow and the id of the request that placed it. */
public record Provenance(String correlationId, String causationId) {

    public Provenance {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
    }
}
