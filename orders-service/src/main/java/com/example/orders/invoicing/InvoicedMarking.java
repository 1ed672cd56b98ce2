package com.example.orders.invoicing;

import java.time.Clock;

import com.example.orders.store.OrderRepository;
import com.example.orders.store.OrderRepository.AlreadyInvoiced;
import com.example.orders.store.OrderRepository.Invoiced;
import com.example.orders.store.OrderRepository.NotInvoiceable;
import com.example.orders.store.OrderRepository.UnknownOrder;

/**
 * Moves an order from CONFIRMED to INVOICED when its invoice is issued. A replay of the same
 * InvoiceIssued finds the order invoiced by that invoice and changes nothing.
 */
public final class InvoicedMarking {

    private final OrderRepository orders;
    private final Clock clock;

    public InvoicedMarking(OrderRepository orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    public sealed interface Outcome permits Marked, Unchanged {
    }

    public record Marked() implements Outcome {
    }

    public record Unchanged() implements Outcome {
    }

    public Outcome apply(IssuedInvoice invoice) {
        return switch (orders.markInvoiced(invoice.orderId(), invoice.invoiceId(), invoice.invoiceNumber(), clock.instant())) {
            case Invoiced invoiced -> new Marked();
            case AlreadyInvoiced(String invoiceId) when invoiceId.equals(invoice.invoiceId()) -> new Unchanged();
            case AlreadyInvoiced(String otherInvoice) -> throw new UninvoiceableOrder("order " + invoice.orderId()
                    + " is invoiced by " + otherInvoice + ", not " + invoice.invoiceId());
            case NotInvoiceable(var status) -> throw new UninvoiceableOrder("order " + invoice.orderId() + " is " + status
                    + "; only CONFIRMED orders are invoiced");
            case UnknownOrder unknown -> throw new UninvoiceableOrder("there is no order " + invoice.orderId());
        };
    }
}
