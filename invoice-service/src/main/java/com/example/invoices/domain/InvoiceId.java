package com.example.invoices.domain;

import java.util.Optional;
import java.util.UUID;

import com.example.platform.ids.NameBasedUuid;

/**
 * An invoice's id, derived from its order's id: an order has at most one invoice, so every
 * redelivery of the order's OrderConfirmed names the same invoice and the store can refuse a second.
 */
public record InvoiceId(UUID value) {

    private static final UUID NAMESPACE = UUID.fromString("0b7d9c1e-4a52-4f3b-8e6d-2c1a9f8b7e40");

    public static InvoiceId forOrder(String orderId) {
        return new InvoiceId(NameBasedUuid.of(NAMESPACE, orderId));
    }

    public static Optional<InvoiceId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InvoiceId(UUID.fromString(text)));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
