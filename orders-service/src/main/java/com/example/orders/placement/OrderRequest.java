package com.example.orders.placement;

import java.util.Currency;
import java.util.List;
import java.util.Objects;

import com.example.orders.domain.OrderLine;

/** A request to place an order that has passed every check, whichever entry point it came through. */
public record OrderRequest(String customerId, Currency currency, List<OrderLine> lines) {

    public OrderRequest {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
    }
}
