package com.example.reliability;

import java.util.List;

/**
 * The reconciler's verdict on one run: what it counted, and every violation, each naming the request,
 * order, line or queue it concerns. A run passes when there is none.
 *
 * @param sent           requests planned and sent
 * @param accepted       distinct orders the API accepted (202)
 * @param refused        requests answered 400 or 422, as planned
 * @param invoiced       the run's orders that ended INVOICED, partner orders included
 * @param rejected       the run's orders that ended REJECTED
 * @param partnerLines   lines of the partner file
 * @param partnerOrders  orders placed from it
 * @param partnerRejected lines its report rejected
 * @param lost           accepted orders or good lines that did not end where they must
 * @param doubled        extra orders, invoices or invoice numbers
 * @param invoiceGaps    numbers missing from the invoice sequence
 * @param violations     everything that broke a rule
 */
public record Reconciliation(int sent, int accepted, int refused, int invoiced, int rejected, int partnerLines, int partnerOrders,
                             int partnerRejected, int lost, int doubled, int invoiceGaps, List<String> violations) {

    public Reconciliation {
        violations = List.copyOf(violations);
    }

    /** The same verdict with what a drill's own steps found wrong added. */
    public Reconciliation with(List<String> more) {
        List<String> all = new java.util.ArrayList<>(violations);
        all.addAll(more);
        return new Reconciliation(sent, accepted, refused, invoiced, rejected, partnerLines, partnerOrders, partnerRejected, lost, doubled,
                invoiceGaps, all);
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}
