package com.example.orders.intake;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/** What the intake reads of an OrderSubmitted event: whose order, which reference, the order, its provenance. */
public record SubmittedOrder(String partnerId, String partnerOrderRef, JsonNode order, String eventId,
                             String correlationId) {

    public SubmittedOrder {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(partnerOrderRef, "partnerOrderRef");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
