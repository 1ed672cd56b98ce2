package com.example.orders.invoicing;

import java.util.Objects;

import com.example.orders.domain.OrderId;

/** What the orders service reads of an InvoiceIssued event: whose order, which invoice, and the correlation. */
public record IssuedInvoice(OrderId orderId, String invoiceId, String invoiceNumber, String correlationId) {

    public IssuedInvoice {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
