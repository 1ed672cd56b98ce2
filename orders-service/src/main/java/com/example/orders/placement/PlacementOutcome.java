package com.example.orders.placement;

import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;

/** What placing an order did. */
public sealed interface PlacementOutcome {

    /** A new order was stored. */
    record Placed(Order order) implements PlacementOutcome {
    }

    /** The same request was placed before under the same key; this is that order, unchanged. */
    record Replayed(Order order) implements PlacementOutcome {
    }

    /** The key already placed a different request; nothing was stored. */
    record KeyReused(OrderId existingOrder) implements PlacementOutcome {
    }
}
