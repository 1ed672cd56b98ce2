package com.example.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.example.reliability.FinalState.StoredInvoice;
import com.example.reliability.FinalState.StoredOrder;

/**
 * Holds a run's final state to the plan: for every request sent, the answer it must have had and the
 * one order (or none) it must have made, where that order must have ended, exactly one invoice per
 * invoiced order, unique invoice numbers with no more gaps than the faults could cause, every line of
 * the partner file one order or one reported rejection, and the dead-letter queues as the drill meant.
 */
public final class Reconciler {

    private static final Pattern INVOICE_NUMBER = Pattern.compile("INV-(\\d{4})-(\\d+)");

    private final List<String> violations = new ArrayList<>();
    private int lost;
    private int doubled;

    private Reconciler() {
    }

    /**
     * @param allowedGaps         gaps the run's faults may have caused (a number drawn by an attempt that then
     *                            failed); 0 without faults
     * @param deadLettersBefore   messages each queue held before the run, by queue name: a run may leave no more
     */
    public static Reconciliation reconcile(LoadPlan plan, List<SentRequest> ledger, PartnerDrop drop, FinalState state,
                                           long allowedGaps, Map<String, Integer> deadLettersBefore) {
        return new Reconciler().judge(plan, ledger, drop, state, allowedGaps, deadLettersBefore);
    }

    private Reconciliation judge(LoadPlan plan, List<SentRequest> ledger, PartnerDrop drop, FinalState state, long allowedGaps,
                                 Map<String, Integer> deadLettersBefore) {
        Map<Integer, SentRequest> answers = Ledger.bySequence(ledger);
        Map<String, List<StoredOrder>> ordersByCustomer = state.orders().stream()
                .collect(Collectors.groupingBy(StoredOrder::customerId, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<PlannedRequest>> byKey = plan.requests().stream()
                .collect(Collectors.groupingBy(PlannedRequest::idempotencyKey, LinkedHashMap::new, Collectors.toList()));
        int refused = 0;
        Set<String> accepted = new java.util.HashSet<>();
        for (List<PlannedRequest> group : byKey.values()) {
            refused += answersOf(group, answers);
            group.forEach(request -> answer(request, answers).flatMap(SentRequest::orderId).ifPresent(accepted::add));
            ordersOf(group, answers, ordersByCustomer.getOrDefault(group.getFirst().customerId(), List.of()));
        }
        invoices(state);
        int gaps = invoiceNumbers(state.invoiceNumbers(), allowedGaps);
        int partnerOrders = partner(drop, state, ordersByCustomer);
        deadLetters(state.deadLetters(), deadLettersBefore);
        return new Reconciliation(plan.requests().size(), accepted.size(), refused, count(state, "INVOICED"), count(state, "REJECTED"),
                drop.lines(), partnerOrders, state.partnerReport().map(FinalState.PartnerReport::rejected).orElse(0), lost, doubled, gaps,
                violations);
    }

    /** Every request of a key got an answer its kind allows; answers the number of planned refusals. */
    private int answersOf(List<PlannedRequest> group, Map<Integer, SentRequest> answers) {
        boolean keyReused = group.stream().anyMatch(request -> request.kind() == RequestKind.KEY_REUSED);
        int refused = 0;
        for (PlannedRequest request : group) {
            var answer = answer(request, answers);
            if (answer.isEmpty()) {
                violations.add("request #" + request.sequence() + " (" + request.kind() + ") has no answer in the ledger");
                continue;
            }
            int status = answer.get().status();
            // Sent concurrently, a reused key's two bodies race: either may be the one placed, the other gets the 422.
            Set<Integer> acceptable = keyReused ? Set.of(202, 422) : request.kind().acceptableStatuses();
            if (!acceptable.contains(status)) {
                violations.add("request #" + request.sequence() + " (" + request.kind() + ") was answered " + status + " after "
                        + answer.get().attempts() + " attempt(s), not " + acceptable);
            }
            refused += status == 400 || status == 422 ? 1 : 0;
        }
        if (keyReused) {
            Set<String> placedBodies = group.stream().filter(request -> answer(request, answers).map(SentRequest::status).orElse(0) == 202)
                    .map(PlannedRequest::body).collect(Collectors.toSet());
            if (placedBodies.size() != 1) {
                violations.add("key " + group.getFirst().idempotencyKey() + " was used with two bodies: " + placedBodies.size()
                        + " of them were accepted, exactly one must be");
            }
        }
        return refused;
    }

    /** The key made exactly one order (none for an invalid request), the one its answers name, ended where it must. */
    private void ordersOf(List<PlannedRequest> group, Map<Integer, SentRequest> answers, List<StoredOrder> stored) {
        PlannedRequest original = group.getFirst();
        Set<String> named = group.stream().flatMap(request -> answer(request, answers).flatMap(SentRequest::orderId).stream())
                .collect(Collectors.toSet());
        if (named.size() > 1) {
            doubled += named.size() - 1;
            violations.add("key " + original.idempotencyKey() + " was answered with " + named.size() + " different orders " + named);
        }
        if (original.kind() == RequestKind.INVALID) {
            if (!stored.isEmpty()) {
                doubled += stored.size();
                violations.add("invalid request #" + original.sequence() + " made order " + stored.getFirst().orderId());
            }
            return;
        }
        if (stored.size() > 1) {
            doubled += stored.size() - 1;
            violations.add("key " + original.idempotencyKey() + " made " + stored.size() + " orders");
        }
        if (stored.isEmpty()) {
            if (!named.isEmpty()) {
                lost++;
                violations.add("order " + named.iterator().next() + " of request #" + original.sequence() + " was accepted but is not stored");
            }
            return;
        }
        StoredOrder order = stored.getFirst();
        if (!named.isEmpty() && !named.contains(order.orderId())) {
            violations.add("request #" + original.sequence() + " was answered with order " + named + " but made " + order.orderId());
        }
        String expected = original.kind().finalStatus().orElseThrow();
        if (!order.status().equals(expected)) {
            lost++;
            violations.add("order " + order.orderId() + " (request #" + original.sequence() + ", " + original.kind() + ") is "
                    + order.status() + ", not " + expected);
        }
    }

    /** Every invoiced order has exactly one invoice, bearing the number the order shows; no other order has one. */
    private void invoices(FinalState state) {
        Map<String, List<StoredInvoice>> byOrder = state.invoices().stream()
                .collect(Collectors.groupingBy(StoredInvoice::orderId, HashMap::new, Collectors.toList()));
        for (StoredOrder order : state.orders()) {
            List<StoredInvoice> invoices = byOrder.getOrDefault(order.orderId(), List.of());
            if (!order.status().equals("INVOICED")) {
                if (!invoices.isEmpty()) {
                    doubled += invoices.size();
                    violations.add("order " + order.orderId() + " is " + order.status() + " but has invoice " + invoices.getFirst().invoiceNumber());
                }
                continue;
            }
            if (invoices.isEmpty()) {
                lost++;
                violations.add("order " + order.orderId() + " is INVOICED but has no invoice");
            } else if (invoices.size() > 1) {
                doubled += invoices.size() - 1;
                violations.add("order " + order.orderId() + " has " + invoices.size() + " invoices");
            } else if (!order.invoiceNumber().orElse("").equals(invoices.getFirst().invoiceNumber())) {
                violations.add("order " + order.orderId() + " shows invoice number " + order.invoiceNumber().orElse("(none)")
                        + " but its invoice is " + invoices.getFirst().invoiceNumber());
            }
        }
    }

    /** Numbers are unique; gaps, counted per year from 1 to the highest, stay within what the faults allow. */
    private int invoiceNumbers(List<String> numbers, long allowedGaps) {
        Map<String, Long> counts = numbers.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        counts.forEach((number, count) -> {
            if (count > 1) {
                doubled += (int) (count - 1);
                violations.add("invoice number " + number + " was issued " + count + " times");
            }
        });
        Map<String, long[]> years = new TreeMap<>();
        for (String number : counts.keySet()) {
            Matcher parts = INVOICE_NUMBER.matcher(number);
            if (!parts.matches()) {
                violations.add("invoice number " + number + " is not INV-<year>-<sequence>");
                continue;
            }
            long[] highestAndCount = years.computeIfAbsent(parts.group(1), year -> new long[2]);
            highestAndCount[0] = Math.max(highestAndCount[0], Long.parseLong(parts.group(2)));
            highestAndCount[1]++;
        }
        int gaps = years.values().stream().mapToInt(highestAndCount -> (int) (highestAndCount[0] - highestAndCount[1])).sum();
        if (gaps > allowedGaps) {
            violations.add(gaps + " invoice numbers are missing from the sequence; the run's faults can explain at most " + allowedGaps);
        }
        return gaps;
    }

    /** Every line is one order or one reported rejection; answers the number of partner orders. */
    private int partner(PartnerDrop drop, FinalState state, Map<String, List<StoredOrder>> ordersByCustomer) {
        if (drop.lines() == 0) {
            return 0;
        }
        int placed = 0;
        for (int line = 1; line <= drop.lines(); line++) {
            List<StoredOrder> orders = ordersByCustomer.getOrDefault(drop.customerOf(line), List.of());
            placed += orders.size();
            if (PartnerDrop.isBad(line)) {
                if (!orders.isEmpty()) {
                    doubled += orders.size();
                    violations.add("bad partner line " + line + " made order " + orders.getFirst().orderId());
                }
            } else if (orders.isEmpty()) {
                lost++;
                violations.add("partner line " + line + " made no order");
            } else {
                if (orders.size() > 1) {
                    doubled += orders.size() - 1;
                    violations.add("partner line " + line + " made " + orders.size() + " orders");
                }
                if (!orders.getFirst().status().equals("INVOICED")) {
                    lost++;
                    violations.add("order " + orders.getFirst().orderId() + " of partner line " + line + " is " + orders.getFirst().status()
                            + ", not INVOICED");
                }
            }
        }
        if (state.partnerReport().isEmpty()) {
            violations.add("the partner file " + drop.key() + " has no report");
        } else {
            FinalState.PartnerReport report = state.partnerReport().get();
            if (report.linesRead() != drop.lines() || report.submitted() != drop.goodLines()
                    || !report.rejectedLines().equals(drop.badLines())) {
                violations.add("the report of " + drop.key() + " says " + report.linesRead() + " lines read, " + report.submitted()
                        + " submitted, rejected lines " + abbreviated(report.rejectedLines()) + "; the file has " + drop.lines()
                        + " lines, " + drop.goodLines() + " good, bad lines " + abbreviated(drop.badLines()));
            }
        }
        return placed;
    }

    /** What failed before the run (another test, an earlier run) is not this run's; the run may add nothing. */
    private void deadLetters(Map<String, Integer> depths, Map<String, Integer> before) {
        depths.forEach((queue, depth) -> {
            int earlier = before.getOrDefault(queue, 0);
            if (depth > earlier) {
                violations.add("dead-letter queue " + queue + " holds " + depth + " message(s)"
                        + (earlier == 0 ? ", not 0" : ", " + earlier + " before the run"));
            }
        });
    }

    private static java.util.Optional<SentRequest> answer(PlannedRequest request, Map<Integer, SentRequest> answers) {
        return java.util.Optional.ofNullable(answers.get(request.sequence()));
    }

    private static int count(FinalState state, String status) {
        return (int) state.orders().stream().filter(order -> order.status().equals(status)).count();
    }

    private static String abbreviated(List<Integer> lines) {
        return lines.size() <= 6 ? lines.toString() : lines.subList(0, 6) + "... (" + lines.size() + ")";
    }
}
