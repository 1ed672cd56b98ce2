package com.example.invoices.api;

import java.time.Instant;

import com.example.invoices.domain.Invoice;
import com.example.platform.money.Money;

/** The body of {@code GET /invoices/{invoiceId}}. */
record InvoiceResource(String invoiceId, String invoiceNumber, String orderId, String customerId, Amount net,
                       String taxRate, Amount tax, Amount gross, Instant issuedAt, String signature) {

    static InvoiceResource of(Invoice invoice) {
        return new InvoiceResource(invoice.id().toString(), invoice.number().toString(), invoice.orderId(),
                invoice.customerId(), Amount.of(invoice.net()), invoice.taxRate().toPlainString(),
                Amount.of(invoice.tax()), Amount.of(invoice.gross()), invoice.issuedAt(), invoice.signature());
    }

    record Amount(String amount, String currency) {
        static Amount of(Money money) {
            return new Amount(money.toPlainString(), money.currency().getCurrencyCode());
        }
    }
}
