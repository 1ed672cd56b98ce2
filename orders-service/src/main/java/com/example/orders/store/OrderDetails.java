package com.example.orders.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.example.orders.domain.Channel;
import com.example.platform.money.Money;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderLine;
import com.example.orders.domain.OrderStatus;

/** What the API shows of an order: no request fingerprint, no provenance; its invoice once it has one. */
public record OrderDetails(OrderId id, String customerId, OrderStatus status, Channel channel, List<OrderLine> lines,
                           Money total, int itemCount, Instant placedAt, Optional<OrderInvoice> invoice) {

    public OrderDetails {
        lines = List.copyOf(lines);
    }
}
