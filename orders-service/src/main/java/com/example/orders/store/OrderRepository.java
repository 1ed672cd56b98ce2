package com.example.orders.store;

import java.util.Optional;

import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;

/** Where orders live. Writes never overwrite: an id is stored once. */
public interface OrderRepository {

    /** Stores the order unless its id exists; then answers with the order stored under that id. */
    InsertOutcome insertIfAbsent(Order order);

    /** The order as the API shows it, reading only those attributes. */
    Optional<OrderDetails> findDetails(OrderId id);

    sealed interface InsertOutcome permits Inserted, AlreadyExists {
    }

    record Inserted() implements InsertOutcome {
    }

    record AlreadyExists(Order existing) implements InsertOutcome {
    }
}
