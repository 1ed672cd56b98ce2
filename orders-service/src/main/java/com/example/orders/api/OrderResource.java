package com.example.orders.api;

import java.time.Instant;
import java.util.List;

import com.example.orders.domain.OrderLine;
import com.example.orders.store.OrderDetails;

/**
 * The body of {@code GET /orders/{orderId}}; once the order is invoiced, its invoice and where to
 * read it ({@code invoice} is left out before).
 */
record OrderResource(String orderId, String customerId, String status, String channel, List<LineResource> lines,
                     MoneyResource total, int itemCount, Instant placedAt, InvoiceResource invoice) {

    /** @param path the path the order was read at ({@code /dev/orders/<id>}): the invoice's link keeps its stage */
    static OrderResource of(OrderDetails order, String path) {
        String apiBase = path.contains("/orders/") ? path.substring(0, path.lastIndexOf("/orders/")) : "";
        return new OrderResource(order.id().toString(), order.customerId(), order.status().name(),
                order.channel().name(), order.lines().stream().map(LineResource::of).toList(),
                MoneyResource.of(order.total()), order.itemCount(), order.placedAt(),
                order.invoice().map(invoice -> new InvoiceResource(invoice.invoiceId(), invoice.invoiceNumber(),
                        apiBase + "/invoices/" + invoice.invoiceId())).orElse(null));
    }

    record InvoiceResource(String invoiceId, String invoiceNumber, String href) {
    }

    record LineResource(String sku, int quantity, MoneyResource unitPrice, MoneyResource lineTotal) {

        static LineResource of(OrderLine line) {
            return new LineResource(line.sku(), line.quantity(), MoneyResource.of(line.unitPrice()),
                    MoneyResource.of(line.lineTotal()));
        }
    }
}
