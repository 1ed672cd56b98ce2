package com.example.orders.api;

import java.time.Instant;
import java.util.List;

import com.example.orders.domain.OrderLine;
import com.example.orders.store.OrderDetails;

/**
 * The body of {@code GET /orders/{orderId}}; once the order is invoiced, its invoice's id and number
 * ({@code invoice} is left out before). The invoice itself is the invoice service's, read at
 * {@code GET /invoices/{invoiceId}} of its own API: the orders service does not know where that
 * service is deployed, so it gives the id, not a link.
 */
record OrderResource(String orderId, String customerId, String status, String channel, List<LineResource> lines,
                     MoneyResource total, int itemCount, Instant placedAt, InvoiceResource invoice) {

    static OrderResource of(OrderDetails order) {
        return new OrderResource(order.id().toString(), order.customerId(), order.status().name(),
                order.channel().name(), order.lines().stream().map(LineResource::of).toList(),
                MoneyResource.of(order.total()), order.itemCount(), order.placedAt(),
                order.invoice().map(invoice -> new InvoiceResource(invoice.invoiceId(), invoice.invoiceNumber())).orElse(null));
    }

    record InvoiceResource(String invoiceId, String invoiceNumber) {
    }

    record LineResource(String sku, int quantity, MoneyResource unitPrice, MoneyResource lineTotal) {

        static LineResource of(OrderLine line) {
            return new LineResource(line.sku(), line.quantity(), MoneyResource.of(line.unitPrice()),
                    MoneyResource.of(line.lineTotal()));
        }
    }
}
