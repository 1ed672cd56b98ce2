package com.example.orders.risk;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** What the risk check reads of an order: the {@code data} of its OrderPlaced event. */
public record OrderSummary(String orderId, String customerId, BigDecimal total, Currency currency, int itemCount) {

    public OrderSummary {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(currency, "currency");
    }

    public String totalText() {
        return total.toPlainString() + " " + currency.getCurrencyCode();
    }
}
