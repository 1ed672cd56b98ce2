package com.example.orders.store;

/** The invoice an order was invoiced by: its id (for {@code GET /invoices/{invoiceId}}) and its number. */
public record OrderInvoice(String invoiceId, String invoiceNumber) {
}
