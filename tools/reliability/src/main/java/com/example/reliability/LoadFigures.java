package com.example.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The figures of one run: requests per second, the POST's latency, the time from POST to INVOICED
 * (placedAt to the invoiced order's updatedAt, both written by the application, for the standard
 * orders the API accepted: review orders wait for a person), and how many requests needed a retry.
 */
public record LoadFigures(int requests, double seconds, double requestsPerSecond, long postP50Ms, long postP99Ms,
                          long invoicedP50Ms, long invoicedP99Ms, int invoicedMeasured, int retried) {

    public static LoadFigures of(LoadPlan plan, List<SentRequest> ledger, FinalState state) {
        long first = ledger.stream().mapToLong(SentRequest::sentAtMs).min().orElse(0);
        long last = ledger.stream().mapToLong(sent -> sent.sentAtMs() + sent.latencyMs()).max().orElse(first);
        double seconds = Math.max(0.001, (last - first) / 1000.0);
        List<Long> latencies = ledger.stream().map(SentRequest::latencyMs).sorted().toList();
        List<Long> toInvoiced = timesToInvoiced(plan, ledger, state);
        int retried = (int) ledger.stream().filter(sent -> sent.attempts() > 1).count();
        return new LoadFigures(ledger.size(), seconds, ledger.size() / seconds, percentile(latencies, 50), percentile(latencies, 99),
                percentile(toInvoiced, 50), percentile(toInvoiced, 99), toInvoiced.size(), retried);
    }

    /** From placedAt to INVOICED, in ms, of every standard order the API accepted that is invoiced; sorted. */
    static List<Long> timesToInvoiced(LoadPlan plan, List<SentRequest> ledger, FinalState state) {
        Map<String, FinalState.StoredOrder> orders = state.orders().stream()
                .collect(Collectors.toMap(FinalState.StoredOrder::orderId, Function.identity(), (a, b) -> a));
        Map<Integer, SentRequest> answers = Ledger.bySequence(ledger);
        return plan.of(RequestKind.STANDARD).stream()
                .flatMap(request -> java.util.Optional.ofNullable(answers.get(request.sequence())).flatMap(SentRequest::orderId).stream())
                .map(orders::get)
                .filter(order -> order != null && order.status().equals("INVOICED") && order.placedAt().isPresent()
                        && order.updatedAt().isPresent())
                .map(order -> Duration.between(order.placedAt().get(), order.updatedAt().get()).toMillis())
                .sorted().toList();
    }

    /** The nearest-rank percentile of sorted values; 0 when there are none. */
    static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
