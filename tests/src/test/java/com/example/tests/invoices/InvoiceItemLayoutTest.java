package com.example.tests.invoices;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.domain.InvoiceNumber;
import com.example.invoices.issuing.DynamoDbInvoiceRepository;
import com.example.invoices.issuing.InvoiceRepository;
import com.example.platform.money.Money;
import com.example.tests.local.LocalImplementations;
import com.example.tests.template.TestStack;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The invoices table's item layouts (an invoice, a year's number sequence) are what stored invoices
 * and counters already hold. The literal items here are what the repository wrote when it mapped
 * items by hand, before the enhanced client, plus {@code signingKeyVersion} (added for key rotation);
 * it must keep writing exactly them, and read them back, with or without the key version.
 * On moto's DynamoDB.
 */
class InvoiceItemLayoutTest {

    private static final String INVOICE_ID = "5d2b8f3e-1c4a-5e7b-9a0d-3f6c2b1e8a47";
    private static final Currency EUR = Currency.getInstance("EUR");

    private static final Invoice INVOICE = new Invoice(new InvoiceId(UUID.fromString(INVOICE_ID)),
            new InvoiceNumber(2026, 42), "7ac58429-5a2a-50f3-a424-b568b9d8fe2b", "customer-1842", euros("47.30"),
            new BigDecimal("0.190"), euros("8.99"), euros("56.29"), Instant.parse("2026-03-14T10:01:59.004Z"),
            "web-session-5521", "event-3318", "q1Yx0dF4mZ2vK8sR7tL3nB6wC9eA5hJ1uG0iO2pS4yE=",
            "3c9f2a1e-7b4d-4e8a-9f10-2d6b5c8e1a07");

    /** {@link #INVOICE} as the hand mapping wrote it. */
    private static final Map<String, AttributeValue> INVOICE_ITEM = Map.ofEntries(
            entry("id", text(INVOICE_ID)),
            entry("invoiceNumber", text("INV-2026-000042")),
            entry("orderId", text("7ac58429-5a2a-50f3-a424-b568b9d8fe2b")),
            entry("customerId", text("customer-1842")),
            entry("currency", text("EUR")),
            entry("netAmount", text("47.30")),
            entry("taxRate", text("0.190")),
            entry("taxAmount", text("8.99")),
            entry("grossAmount", text("56.29")),
            entry("issuedAt", text("2026-03-14T10:01:59.004Z")),
            entry("correlationId", text("web-session-5521")),
            entry("causationId", text("event-3318")),
            entry("signature", text("q1Yx0dF4mZ2vK8sR7tL3nB6wC9eA5hJ1uG0iO2pS4yE=")),
            entry("signingKeyVersion", text("3c9f2a1e-7b4d-4e8a-9f10-2d6b5c8e1a07")));

    private TestStack stack;
    private DynamoDbClient dynamoDb;
    private DynamoDbInvoiceRepository invoices;

    @BeforeEach
    void deploy() {
        stack = TestStack.deploy(LocalImplementations.moto(), "InvoicesTable");
        dynamoDb = stack.clients().dynamoDb();
        invoices = new DynamoDbInvoiceRepository(dynamoDb, stack.clients().dynamoDbEnhanced(dynamoDb),
                stack.ref("InvoicesTable"));
    }

    @AfterEach
    void closeClient() {
        dynamoDb.close();
    }

    @Test
    void anInvoiceIsStoredAsTheItemTheHandMappingWrote() {
        assertThat(invoices.insertIfAbsent(INVOICE)).isEqualTo(new InvoiceRepository.Inserted());

        assertThat(storedItem(INVOICE_ID)).isEqualTo(INVOICE_ITEM);
    }

    @Test
    void anInvoiceStoredByTheHandMappingIsReadBackWholeOrAsTheApiShowsIt() {
        store(INVOICE_ITEM);

        assertThat(invoices.find(INVOICE.id())).contains(INVOICE);
        assertThat(invoices.insertIfAbsent(INVOICE)).isEqualTo(new InvoiceRepository.AlreadyExists(INVOICE));
        assertThat(invoices.findPublic(INVOICE.id())).contains(new Invoice(INVOICE.id(), INVOICE.number(),
                INVOICE.orderId(), INVOICE.customerId(), INVOICE.net(), INVOICE.taxRate(), INVOICE.tax(), INVOICE.gross(),
                INVOICE.issuedAt(), "", "", INVOICE.signature(), Invoice.KEY_VERSION_NOT_RECORDED));
    }

    @Test
    void anInvoiceStoredBeforeKeyVersionsWereRecordedReadsBackSayingSo() {
        Map<String, AttributeValue> unversioned = new java.util.HashMap<>(INVOICE_ITEM);
        unversioned.remove("signingKeyVersion");
        store(unversioned);

        assertThat(invoices.find(INVOICE.id())).contains(INVOICE.withSignature(INVOICE.signature(), Invoice.KEY_VERSION_NOT_RECORDED));
    }

    @Test
    void aYearsFirstNumberStartsItsCounterItemAtOne() {
        assertThat(invoices.nextSequence(2026)).isEqualTo(1);

        assertThat(storedItem("sequence#2026")).isEqualTo(Map.of("id", text("sequence#2026"), "next", AttributeValue.fromN("1")));
    }

    @Test
    void aCounterItemStoredByTheHandMappingGoesOnFromItsNumber() {
        store(Map.of("id", text("sequence#2025"), "next", AttributeValue.fromN("41")));

        assertThat(invoices.nextSequence(2025)).isEqualTo(42);
        assertThat(storedItem("sequence#2025")).isEqualTo(Map.of("id", text("sequence#2025"), "next", AttributeValue.fromN("42")));
    }

    private void store(Map<String, AttributeValue> item) {
        dynamoDb.putItem(builder -> builder.tableName(stack.ref("InvoicesTable")).item(item));
    }

    private Map<String, AttributeValue> storedItem(String id) {
        return dynamoDb.getItem(builder -> builder.tableName(stack.ref("InvoicesTable"))
                .key(Map.of("id", text(id))).consistentRead(true)).item();
    }

    private static Money euros(String amount) {
        return new Money(new BigDecimal(amount), EUR);
    }

    private static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }
}
