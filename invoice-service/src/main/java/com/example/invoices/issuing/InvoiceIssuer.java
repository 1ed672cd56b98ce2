package com.example.invoices.issuing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.domain.InvoiceNumber;
import com.example.invoices.domain.TaxRates;
import com.example.invoices.issuing.InvoiceRepository.AlreadyExists;
import com.example.invoices.issuing.InvoiceRepository.Inserted;
import com.example.platform.money.Money;

/**
 * Issues an order's invoice exactly once. The invoice id comes from the order id, so a redelivered
 * OrderConfirmed finds the invoice already issued; two deliveries racing each other both try the
 * same conditional write and exactly one wins.
 *
 * <p>Numbers come from a per-year counter and are never reused, so a number is skipped (a gap in
 * the sequence) only when one was allocated and then not used: a racing duplicate lost the write,
 * or the function stopped between allocating and writing.
 */
public final class InvoiceIssuer {

    private final InvoiceRepository invoices;
    private final Supplier<TaxRates> taxRates;
    private final InvoiceSigner signer;
    private final Clock clock;

    public InvoiceIssuer(InvoiceRepository invoices, Supplier<TaxRates> taxRates, InvoiceSigner signer, Clock clock) {
        this.invoices = invoices;
        this.taxRates = taxRates;
        this.signer = signer;
        this.clock = clock;
    }

    public sealed interface Outcome permits Issued, AlreadyIssued {
        Invoice invoice();
    }

    public record Issued(Invoice invoice) implements Outcome {
    }

    public record AlreadyIssued(Invoice invoice) implements Outcome {
    }

    public Outcome issue(ConfirmedOrder order) {
        InvoiceId id = InvoiceId.forOrder(order.orderId());
        Optional<Invoice> existing = invoices.find(id);
        if (existing.isPresent()) {
            return new AlreadyIssued(existing.get());
        }
        // Tax before numbering: an order that cannot be taxed must not use up a number.
        TaxRates rates = taxRates.get();
        BigDecimal rate = rates.rateFor(order.total().currency());
        Money tax = rates.taxOn(order.total());
        Instant issuedAt = clock.instant();
        int year = issuedAt.atZone(ZoneOffset.UTC).getYear();
        InvoiceNumber number = new InvoiceNumber(year, invoices.nextSequence(year));
        Invoice invoice = signer.sign(new Invoice(id, number, order.orderId(), order.customerId(), order.total(), rate,
                tax, order.total().plus(tax), issuedAt, order.correlationId(), order.eventId(), "unsigned", "unsigned"));
        return switch (invoices.insertIfAbsent(invoice)) {
            case Inserted inserted -> new Issued(invoice);
            case AlreadyExists(Invoice winner) -> new AlreadyIssued(winner);
        };
    }
}
