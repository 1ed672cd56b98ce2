package com.example.orders.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.orders.domain.Channel;
import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderLine;
import com.example.orders.domain.OrderStatus;
import com.example.orders.domain.Provenance;
import com.example.orders.invoicing.InvoicedMarking.Marked;
import com.example.orders.invoicing.InvoicedMarking.Unchanged;
import com.example.orders.store.InMemoryOrderRepository;
import com.example.platform.money.Money;

class InvoicedMarkingTest {

    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InvoicedMarking marking = new InvoicedMarking(orders, Clock.systemUTC());

    private OrderId order(OrderStatus status) {
        Currency eur = Currency.getInstance("EUR");
        Order order = new Order(OrderId.random(), "c-1", eur, List.of(new OrderLine("A", 1, new Money(BigDecimal.TEN, eur))),
                status, Channel.API, new Provenance("corr", "req", "arn:aws:iam::123456789012:user/placer"), Instant.now(), "fp");
        orders.insertIfAbsent(order);
        return order.id();
    }

    @Test
    void aConfirmedOrderIsMarkedAndAReplayChangesNothing() {
        OrderId id = order(OrderStatus.CONFIRMED);
        IssuedInvoice invoice = new IssuedInvoice(id, "inv-1", "INV-2026-000001", "corr");

        assertThat(marking.apply(invoice)).isInstanceOf(Marked.class);
        assertThat(marking.apply(invoice)).isInstanceOf(Unchanged.class);
    }

    @Test
    void anOrderThatIsNotConfirmedOrInvoicedByAnotherInvoiceIsRefused() {
        OrderId placed = order(OrderStatus.PLACED);
        assertThatThrownBy(() -> marking.apply(new IssuedInvoice(placed, "inv-1", "INV-2026-000001", "corr")))
                .isInstanceOf(UninvoiceableOrder.class).hasMessageContaining("PLACED");

        OrderId confirmed = order(OrderStatus.CONFIRMED);
        marking.apply(new IssuedInvoice(confirmed, "inv-1", "INV-2026-000001", "corr"));
        assertThatThrownBy(() -> marking.apply(new IssuedInvoice(confirmed, "inv-2", "INV-2026-000002", "corr")))
                .isInstanceOf(UninvoiceableOrder.class).hasMessageContaining("inv-1");

        assertThatThrownBy(() -> marking.apply(new IssuedInvoice(OrderId.random(), "inv-3", "INV-2026-000003", "corr")))
                .isInstanceOf(UninvoiceableOrder.class).hasMessageContaining("no order");
    }
}
