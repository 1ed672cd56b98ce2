package com.example.orders.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;

/** The repository contract in memory, for unit tests of the logic above it; DynamoDB is tested in tests/. */
public final class InMemoryOrderRepository implements OrderRepository {

    private final ConcurrentMap<OrderId, Order> orders = new ConcurrentHashMap<>();
    private final ConcurrentMap<OrderId, OrderInvoice> invoices = new ConcurrentHashMap<>();

    @Override
    public InsertOutcome insertIfAbsent(Order order) {
        Order existing = orders.putIfAbsent(order.id(), order);
        return existing == null ? new Inserted() : new AlreadyExists(existing);
    }

    @Override
    public Optional<OrderDetails> findDetails(OrderId id) {
        Optional<OrderInvoice> invoice = Optional.ofNullable(invoices.get(id));
        return Optional.ofNullable(orders.get(id)).map(order -> new OrderDetails(order.id(), order.customerId(),
                invoice.isPresent() ? com.example.orders.domain.OrderStatus.INVOICED : order.status(), order.channel(),
                order.lines(), order.total(), order.itemCount(), order.placedAt(), invoice));
    }

    @Override
    public InvoicedOutcome markInvoiced(OrderId id, String invoiceId, String invoiceNumber, java.time.Instant at) {
        Order order = orders.get(id);
        if (order == null) {
            return new UnknownOrder();
        }
        OrderInvoice existing = invoices.get(id);
        if (existing != null) {
            return new AlreadyInvoiced(existing.invoiceId());
        }
        if (order.status() != com.example.orders.domain.OrderStatus.CONFIRMED) {
            return new NotInvoiceable(order.status());
        }
        invoices.put(id, new OrderInvoice(invoiceId, invoiceNumber));
        return new Invoiced();
    }

    public int size() {
        return orders.size();
    }
}
