package com.example.orders.api;

import java.time.Instant;

import com.example.orders.domain.Order;

/**
 * The body of the 202 answer to {@code POST /orders}: the order was accepted and will be processed
 * asynchronously; {@code links.self} is where its status can be read. Built only from what the
 * order stored, so a replay of the request gets the identical answer.
 */
record PlacementReceipt(String orderId, String status, Instant placedAt, Links links) {

    static PlacementReceipt of(Order order, String location) {
        return new PlacementReceipt(order.id().toString(), order.status().name(), order.placedAt(),
                new Links(location));
    }

    record Links(String self) {
    }
}
