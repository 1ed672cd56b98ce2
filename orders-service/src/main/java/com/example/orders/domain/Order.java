package com.example.orders.domain;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

import com.example.platform.money.Money;

/**
 * A stored order. {@code requestFingerprint} identifies the request that placed it, so a replay of
 * that request can be told apart from a different request reusing its idempotency key.
 */
public record Order(OrderId id, String customerId, Currency currency, List<OrderLine> lines, OrderStatus status,
                    Channel channel, Provenance provenance, Instant placedAt, String requestFingerprint) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("An order has at least one line");
        }
    }

    public Money total() {
        return lines.stream().map(OrderLine::lineTotal).reduce(Money.zero(currency), Money::plus);
    }

    /** Units across all lines. */
    public int itemCount() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }
}
