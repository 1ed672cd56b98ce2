package com.example.invoices.issuing;

import java.util.Objects;

import com.example.platform.money.Money;

/** What invoicing reads of an OrderConfirmed event: the order, its total, and its provenance. */
public record ConfirmedOrder(String orderId, String customerId, Money total, String eventId, String correlationId) {

    public ConfirmedOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
