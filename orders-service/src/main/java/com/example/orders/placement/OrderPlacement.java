package com.example.orders.placement;

import java.time.Clock;

import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderStatus;
import com.example.orders.placement.PlacementOutcome.KeyReused;
import com.example.orders.placement.PlacementOutcome.Placed;
import com.example.orders.placement.PlacementOutcome.Replayed;
import com.example.orders.store.OrderRepository;
import com.example.orders.store.OrderRepository.AlreadyExists;
import com.example.orders.store.OrderRepository.Inserted;

/**
 * Places an order exactly once per idempotency key. The key decides the order id, and the store
 * writes an id only if it is new, so retries and concurrent duplicates of one request all end
 * with the single order the first one stored; a different request under a used key is refused.
 * Knows nothing of Lambda or HTTP: the API and the partner-file intake both call it.
 */
public final class OrderPlacement {

    private final OrderRepository orders;
    private final Clock clock;

    public OrderPlacement(OrderRepository orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    public PlacementOutcome place(PlacementCommand command) {
        Order order = draft(command);
        return switch (orders.insertIfAbsent(order)) {
            case Inserted inserted -> new Placed(order);
            case AlreadyExists(Order existing) when existing.requestFingerprint().equals(order.requestFingerprint()) ->
                    new Replayed(existing);
            case AlreadyExists(Order existing) -> new KeyReused(existing.id());
        };
    }

    /** The order a command would store, not yet stored. */
    public Order draft(PlacementCommand command) {
        OrderRequest request = command.request();
        OrderId id = command.idempotencyKey()
                .map(key -> OrderId.forIdempotencyKey(key.scope(), key.value()))
                .orElseGet(OrderId::random);
        return new Order(id, request.customerId(), request.currency(), request.lines(), OrderStatus.PLACED,
                command.channel(), command.provenance(), clock.instant(), RequestFingerprint.of(request));
    }
}
