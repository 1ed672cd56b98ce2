package com.example.invoices.issuing;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.atomicCounter;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.domain.InvoiceNumber;
import com.example.platform.aws.TextAttribute;
import com.example.platform.money.Money;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The invoices table's two item types and their schemas. Invoices are keyed by their UUID; each
 * year's number sequence is one item keyed {@code sequence#<year>}, which no invoice id can equal.
 * An invoice is written whole and read whole, so its schema maps the {@link Invoice} record itself.
 * Amounts are text at the currency's scale, as on the orders table.
 */
public final class InvoiceItems {

    static final String ID = "id";
    static final String SIGNING_KEY_VERSION = "signingKeyVersion";

    /** What GET /invoices/{invoiceId} shows: everything but the provenance. */
    static final List<String> PUBLIC_ATTRIBUTES = List.of(ID, "invoiceNumber", "orderId", "customerId", "currency",
            "netAmount", "taxRate", "taxAmount", "grossAmount", "issuedAt", "signature");

    private static final TextAttribute<InvoiceId> INVOICE_ID_TEXT = TextAttribute.of(InvoiceId.class,
            InvoiceId::toString, text -> new InvoiceId(UUID.fromString(text)));
    private static final TextAttribute<InvoiceNumber> NUMBER_TEXT = TextAttribute.of(InvoiceNumber.class,
            InvoiceNumber::toString, InvoiceNumber::parse);

    public static final TableSchema<Invoice> INVOICE = StaticImmutableTableSchema
            .builder(Invoice.class, InvoiceBuilder.class)
            .newItemBuilder(InvoiceBuilder::new, InvoiceBuilder::build)
            .addAttribute(InvoiceId.class, a -> a.name(ID).tags(primaryPartitionKey()).attributeConverter(INVOICE_ID_TEXT)
                    .getter(Invoice::id).setter((invoice, value) -> invoice.id = value))
            .addAttribute(InvoiceNumber.class, a -> a.name("invoiceNumber").attributeConverter(NUMBER_TEXT)
                    .getter(Invoice::number).setter((invoice, value) -> invoice.number = value))
            .addAttribute(String.class, a -> a.name("orderId")
                    .getter(Invoice::orderId).setter((invoice, value) -> invoice.orderId = value))
            .addAttribute(String.class, a -> a.name("customerId")
                    .getter(Invoice::customerId).setter((invoice, value) -> invoice.customerId = value))
            .addAttribute(Currency.class, a -> a.name("currency").attributeConverter(TextAttribute.CURRENCY)
                    .getter(invoice -> invoice.net().currency()).setter((invoice, value) -> invoice.currency = value))
            .addAttribute(BigDecimal.class, a -> a.name("netAmount").attributeConverter(TextAttribute.EXACT_DECIMAL)
                    .getter(invoice -> invoice.net().amount()).setter((invoice, value) -> invoice.net = value))
            .addAttribute(BigDecimal.class, a -> a.name("taxRate").attributeConverter(TextAttribute.EXACT_DECIMAL)
                    .getter(Invoice::taxRate).setter((invoice, value) -> invoice.taxRate = value))
            .addAttribute(BigDecimal.class, a -> a.name("taxAmount").attributeConverter(TextAttribute.EXACT_DECIMAL)
                    .getter(invoice -> invoice.tax().amount()).setter((invoice, value) -> invoice.tax = value))
            .addAttribute(BigDecimal.class, a -> a.name("grossAmount").attributeConverter(TextAttribute.EXACT_DECIMAL)
                    .getter(invoice -> invoice.gross().amount()).setter((invoice, value) -> invoice.gross = value))
            .addAttribute(Instant.class, a -> a.name("issuedAt")
                    .getter(Invoice::issuedAt).setter((invoice, value) -> invoice.issuedAt = value))
            .addAttribute(String.class, a -> a.name("correlationId")
                    .getter(Invoice::correlationId).setter((invoice, value) -> invoice.correlationId = value))
            .addAttribute(String.class, a -> a.name("causationId")
                    .getter(Invoice::causationId).setter((invoice, value) -> invoice.causationId = value))
            .addAttribute(String.class, a -> a.name("signature")
                    .getter(Invoice::signature).setter((invoice, value) -> invoice.signature = value))
            .addAttribute(String.class, a -> a.name(SIGNING_KEY_VERSION)
                    .getter(Invoice::signingKeyVersion).setter((invoice, value) -> invoice.signingKeyVersion = value))
            .build();

    /** The counter's first value is 1, and each update adds 1: atomically, however many issuers ask at once. */
    static final TableSchema<Sequence> SEQUENCE = StaticImmutableTableSchema
            .builder(Sequence.class, SequenceBuilder.class)
            .newItemBuilder(SequenceBuilder::new, SequenceBuilder::build)
            .addAttribute(String.class, a -> a.name(ID).tags(primaryPartitionKey())
                    .getter(Sequence::id).setter((sequence, value) -> sequence.id = value))
            .addAttribute(Long.class, a -> a.name("next").tags(atomicCounter(1, 1))
                    .getter(Sequence::next).setter((sequence, value) -> sequence.next = value))
            .build();

    private InvoiceItems() {
    }

    /** A year's invoice number sequence; {@code next} is the last number handed out, absent when writing. */
    record Sequence(String id, Long next) {

        static Sequence of(int year) {
            return new Sequence("sequence#" + year, null);
        }
    }

    /** What the schema fills in when it reads an invoice; provenance is empty text when a read projected it away. */
    private static final class InvoiceBuilder {
        private InvoiceId id;
        private InvoiceNumber number;
        private String orderId;
        private String customerId;
        private Currency currency;
        private BigDecimal net;
        private BigDecimal taxRate;
        private BigDecimal tax;
        private BigDecimal gross;
        private Instant issuedAt;
        private String correlationId = "";
        private String causationId = "";
        private String signature;
        private String signingKeyVersion = Invoice.KEY_VERSION_NOT_RECORDED;

        Invoice build() {
            return new Invoice(id, number, orderId, customerId, new Money(net, currency), taxRate,
                    new Money(tax, currency), new Money(gross, currency), issuedAt, correlationId, causationId, signature,
                    signingKeyVersion);
        }
    }

    private static final class SequenceBuilder {
        private String id;
        private Long next;

        Sequence build() {
            return new Sequence(id, next);
        }
    }
}
