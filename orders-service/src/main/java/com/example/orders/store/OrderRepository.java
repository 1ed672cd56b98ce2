package com.example.orders.store;

import java.time.Instant;
import java.util.Optional;

import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderStatus;

/** Where orders live. Writes never overwrite: an id is stored once. */
public interface OrderRepository {

    /** Stores the order unless its id exists; then answers with the order stored under that id. */
    InsertOutcome insertIfAbsent(Order order);

    /** The order as the API shows it, reading only those attributes. */
    Optional<OrderDetails> findDetails(OrderId id);

    /** Moves a CONFIRMED order to INVOICED; any other status is left as it is and reported. */
    InvoicedOutcome markInvoiced(OrderId id, String invoiceId, String invoiceNumber, Instant at);

    sealed interface InsertOutcome permits Inserted, AlreadyExists {
    }

    record Inserted() implements InsertOutcome {
    }

    record AlreadyExists(Order existing) implements InsertOutcome {
    }

    sealed interface InvoicedOutcome permits Invoiced, AlreadyInvoiced, NotInvoiceable, UnknownOrder {
    }

    record Invoiced() implements InvoicedOutcome {
    }

    record AlreadyInvoiced(String invoiceId) implements InvoicedOutcome {
    }

    record NotInvoiceable(OrderStatus status) implements InvoicedOutcome {
    }

    record UnknownOrder() implements InvoicedOutcome {
    }
}
