package com.example.reliability;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stack holds after a run, as the reconciler judges it.
 *
 * @param orders         the run's orders (API and partner customers)
 * @param invoices       the run's invoices
 * @param invoiceNumbers every invoice number in the invoices table (uniqueness and gaps span all runs)
 * @param partnerReport  IngestFile's report of the run's partner file, if it wrote one
 * @param deadLetters    messages in each dead-letter and failure queue, by queue name
 */
public record FinalState(List<StoredOrder> orders, List<StoredInvoice> invoices, List<String> invoiceNumbers,
                         Optional<PartnerReport> partnerReport, Map<String, Integer> deadLetters) {

    public FinalState {
        orders = List.copyOf(orders);
        invoices = List.copyOf(invoices);
        invoiceNumbers = List.copyOf(invoiceNumbers);
        deadLetters = Map.copyOf(deadLetters);
    }

    /** An order as its table holds it. */
    public record StoredOrder(String orderId, String customerId, String status, Optional<Instant> placedAt,
                              Optional<Instant> updatedAt, Optional<String> invoiceNumber) {
    }

    /** An invoice as its table holds it. */
    public record StoredInvoice(String invoiceId, String orderId, String invoiceNumber) {
    }

    /** IngestFile's summary of a file and the lines it rejected. */
    public record PartnerReport(int linesRead, int submitted, int rejected, List<Integer> rejectedLines) {
    }
}
