package com.example.invoices.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.domain.TaxRates;
import com.example.invoices.issuing.InvoiceIssuer.AlreadyIssued;
import com.example.invoices.issuing.InvoiceIssuer.Issued;
import com.example.platform.money.Money;

class InvoiceIssuerTest {

    private final InMemoryInvoiceRepository invoices = new InMemoryInvoiceRepository();
    private final RotatingKey key = new RotatingKey("test-key");
    private final InvoiceSigner signer = new InvoiceSigner(key::current);
    private final InvoiceIssuer issuer = new InvoiceIssuer(invoices,
            () -> new TaxRates(Map.of("EUR", new BigDecimal("0.20"))), signer,
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    private static ConfirmedOrder order(String orderId, String amount, String currency) {
        return new ConfirmedOrder(orderId, "c-1", new Money(new BigDecimal(amount), Currency.getInstance(currency)),
                orderId + ":confirmed", "corr-1");
    }

    @Test
    void anOrdersInvoiceHasTheNextNumberItsTaxAndAValidSignature() {
        Invoice invoice = issuer.issue(order("o-1", "47.30", "EUR")).invoice();

        assertThat(invoice.number().toString()).isEqualTo("INV-2026-000001");
        assertThat(invoice.tax().toPlainString()).isEqualTo("9.46");
        assertThat(invoice.gross().toPlainString()).isEqualTo("56.76");
        assertThat(invoice.causationId()).isEqualTo("o-1:confirmed");
        assertThat(new InvoiceVerifier(key::secretOf).verifies(invoice)).isTrue();
    }

    @Test
    void aSecondDeliveryFindsTheInvoiceAndUsesNoNumber() {
        Invoice first = issuer.issue(order("o-1", "10.00", "EUR")).invoice();

        var second = issuer.issue(order("o-1", "10.00", "EUR"));

        assertThat(second).isEqualTo(new AlreadyIssued(first));
        assertThat(invoices.nextSequence(2026)).as("no number was used by the replay").isEqualTo(2);
    }

    @Test
    void aDuplicateThatLosesTheRaceReturnsTheWinnersInvoiceAndLeavesAGap() {
        Invoice winner = issuer.issue(order("o-1", "10.00", "EUR")).invoice();
        InvoiceRepository racing = new InvoiceRepository() {
            @Override
            public Optional<Invoice> find(InvoiceId id) {
                return Optional.empty(); // read before the winner wrote
            }

            @Override
            public InsertOutcome insertIfAbsent(Invoice invoice) {
                return invoices.insertIfAbsent(invoice);
            }

            @Override
            public long nextSequence(int year) {
                return invoices.nextSequence(year);
            }
        };

        var outcome = new InvoiceIssuer(racing, () -> new TaxRates(Map.of("EUR", new BigDecimal("0.20"))), signer,
                Clock.systemUTC()).issue(order("o-1", "10.00", "EUR"));

        assertThat(outcome).isEqualTo(new AlreadyIssued(winner));
        assertThat(invoices.invoices).hasSize(1);
        assertThat(invoices.nextSequence(2026)).as("number 2 went to the loser and is a gap").isEqualTo(3);
    }

    @Test
    void anOrderThatCannotBeTaxedUsesNoNumber() {
        assertThatThrownBy(() -> issuer.issue(order("o-1", "10.00", "USD"))).isInstanceOf(TaxRates.MissingTaxRate.class);
        assertThat(issuer.issue(order("o-2", "10.00", "EUR"))).isInstanceOf(Issued.class)
                .extracting(outcome -> outcome.invoice().number().sequence()).isEqualTo(1L);
    }

    @Test
    void theInvoiceIdIsTheOrdersAlways() {
        assertThat(issuer.issue(order("o-9", "1.00", "EUR")).invoice().id()).isEqualTo(InvoiceId.forOrder("o-9"));
    }
}
