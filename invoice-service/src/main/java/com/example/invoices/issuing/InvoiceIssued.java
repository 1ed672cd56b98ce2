package com.example.invoices.issuing;

import java.time.Instant;

import com.example.invoices.domain.Invoice;
import com.example.platform.events.EventEnvelope;
import com.example.platform.events.EventMetadata;
import com.example.platform.money.Money;

/**
 * The {@code data} of InvoiceIssued (contracts/events/invoice-issued.v1.schema.json). Its event id is
 * derived from the invoice, so a republished InvoiceIssued is recognisably the same event.
 */
public record InvoiceIssued(String invoiceId, String invoiceNumber, String orderId, String customerId, Amount net,
                            String taxRate, Amount tax, Amount gross, Instant issuedAt) {

    public static final String DETAIL_TYPE = "InvoiceIssued";

    public record Amount(String amount, String currency) {
        static Amount of(Money money) {
            return new Amount(money.toPlainString(), money.currency().getCurrencyCode());
        }
    }

    public static EventEnvelope<InvoiceIssued> of(Invoice invoice) {
        EventMetadata metadata = new EventMetadata(invoice.id() + ":issued", "1", invoice.correlationId(),
                invoice.causationId(), invoice.issuedAt());
        return new EventEnvelope<>(metadata, new InvoiceIssued(invoice.id().toString(), invoice.number().toString(),
                invoice.orderId(), invoice.customerId(), Amount.of(invoice.net()), invoice.taxRate().toPlainString(),
                Amount.of(invoice.tax()), Amount.of(invoice.gross()), invoice.issuedAt()));
    }
}
