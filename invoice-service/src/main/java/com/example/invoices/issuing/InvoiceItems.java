package com.example.invoices.issuing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.domain.InvoiceNumber;
import com.example.platform.money.Money;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The invoices table's item layouts, in one place. Invoices are keyed by their UUID; each year's
 * number sequence is one item keyed {@code sequence#<year>}, which no invoice id can equal.
 * Amounts are strings at the currency's scale, as on the orders table.
 */
public final class InvoiceItems {

    static final String ID = "id";
    static final String NUMBER = "invoiceNumber";
    static final String ORDER_ID = "orderId";
    static final String CUSTOMER_ID = "customerId";
    static final String CURRENCY = "currency";
    static final String NET = "netAmount";
    static final String TAX_RATE = "taxRate";
    static final String TAX = "taxAmount";
    static final String GROSS = "grossAmount";
    static final String ISSUED_AT = "issuedAt";
    static final String CORRELATION_ID = "correlationId";
    static final String CAUSATION_ID = "causationId";
    static final String SIGNATURE = "signature";
    static final String NEXT = "next";

    /** What GET /invoices/{invoiceId} shows: everything but the provenance. */
    public static final List<String> PUBLIC_ATTRIBUTES = List.of(ID, NUMBER, ORDER_ID, CUSTOMER_ID, CURRENCY, NET,
            TAX_RATE, TAX, GROSS, ISSUED_AT, SIGNATURE);

    private InvoiceItems() {
    }

    static Map<String, AttributeValue> key(InvoiceId id) {
        return Map.of(ID, AttributeValue.fromS(id.toString()));
    }

    static Map<String, AttributeValue> sequenceKey(int year) {
        return Map.of(ID, AttributeValue.fromS("sequence#" + year));
    }

    static Map<String, AttributeValue> toItem(Invoice invoice) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(ID, AttributeValue.fromS(invoice.id().toString()));
        item.put(NUMBER, AttributeValue.fromS(invoice.number().toString()));
        item.put(ORDER_ID, AttributeValue.fromS(invoice.orderId()));
        item.put(CUSTOMER_ID, AttributeValue.fromS(invoice.customerId()));
        item.put(CURRENCY, AttributeValue.fromS(invoice.net().currency().getCurrencyCode()));
        item.put(NET, AttributeValue.fromS(invoice.net().toPlainString()));
        item.put(TAX_RATE, AttributeValue.fromS(invoice.taxRate().toPlainString()));
        item.put(TAX, AttributeValue.fromS(invoice.tax().toPlainString()));
        item.put(GROSS, AttributeValue.fromS(invoice.gross().toPlainString()));
        item.put(ISSUED_AT, AttributeValue.fromS(invoice.issuedAt().toString()));
        item.put(CORRELATION_ID, AttributeValue.fromS(invoice.correlationId()));
        item.put(CAUSATION_ID, AttributeValue.fromS(invoice.causationId()));
        item.put(SIGNATURE, AttributeValue.fromS(invoice.signature()));
        return item;
    }

    /** An invoice from its item; provenance is empty text when the read projected it away. */
    public static Invoice fromItem(Map<String, AttributeValue> item) {
        Currency currency = Currency.getInstance(item.get(CURRENCY).s());
        return new Invoice(new InvoiceId(UUID.fromString(item.get(ID).s())), InvoiceNumber.parse(item.get(NUMBER).s()),
                item.get(ORDER_ID).s(), item.get(CUSTOMER_ID).s(), money(item, NET, currency),
                new BigDecimal(item.get(TAX_RATE).s()), money(item, TAX, currency), money(item, GROSS, currency),
                Instant.parse(item.get(ISSUED_AT).s()), text(item, CORRELATION_ID), text(item, CAUSATION_ID),
                item.get(SIGNATURE).s());
    }

    private static Money money(Map<String, AttributeValue> item, String name, Currency currency) {
        return new Money(new BigDecimal(item.get(name).s()), currency);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? "" : value.s();
    }
}
