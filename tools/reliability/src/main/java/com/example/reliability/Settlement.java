package com.example.reliability;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.example.endtoend.Api;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Waits for a run to settle: the reviewer approves every order waiting for review (as the API lets a
 * person do; {@code api} signs as the reviewer role, the only principal the API lets answer), until every accepted order and every good partner line has an order in a final status
 * and the partner file has its report, or the limit passes.
 */
public final class Settlement {

    static final Set<String> FINAL = Set.of("INVOICED", "REJECTED", "FAILED");
    private static final Duration POLL = Duration.ofSeconds(2);

    private final Api api;
    private final StateReader state;
    private final Consumer<String> progress;

    public Settlement(Api api, StateReader state, Consumer<String> progress) {
        this.api = api;
        this.state = state;
        this.progress = progress;
    }

    /** Answers whether the run settled within the limit (the reconciler then says what is missing if not). */
    public boolean settle(LoadPlan plan, List<SentRequest> ledger, PartnerDrop drop, Duration limit) {
        Map<Integer, SentRequest> answers = Ledger.bySequence(ledger);
        Set<String> accepted = ledger.stream().flatMap(sent -> sent.orderId().stream()).collect(Collectors.toSet());
        Set<String> awaitingReview = plan.of(RequestKind.REVIEW).stream()
                .flatMap(request -> Optional.ofNullable(answers.get(request.sequence())).flatMap(SentRequest::orderId).stream())
                .collect(Collectors.toCollection(HashSet::new));
        int expected = accepted.size() + drop.goodLines();
        Instant deadline = Instant.now().plus(limit);
        Instant reported = Instant.EPOCH;
        while (true) {
            Optional<Progress> progressNow = poll(plan.runId(), drop, awaitingReview);
            if (progressNow.isPresent()) {
                Progress now = progressNow.get();
                if (now.ended() >= expected && now.ended() == now.stored() && now.reportWritten()) {
                    progress.accept("settled: " + now.ended() + " orders in a final status");
                    return true;
                }
                if (Instant.now().isAfter(deadline)) {
                    progress.accept("not settled within " + limit.toSeconds() + " s: " + now.ended() + " of " + expected
                            + " orders final" + (now.reportWritten() ? "" : ", no report of the partner file yet"));
                    return false;
                }
                if (Duration.between(reported, Instant.now()).toSeconds() >= 10) {
                    progress.accept("settling: " + now.ended() + " of " + expected + " orders final (" + now.stored() + " stored)");
                    reported = Instant.now();
                }
            } else if (Instant.now().isAfter(deadline)) {
                progress.accept("not settled within " + limit.toSeconds() + " s: the stack did not answer the last reading");
                return false;
            }
            pause();
        }
    }

    /** Where a run stands: orders stored, orders in a final status, whether the partner file is reported. */
    private record Progress(long stored, long ended, boolean reportWritten) {
    }

    /**
     * One reading, approving what waits for review on the way. A reading the stack does not answer in
     * time (a service stalled by the load) is no verdict: the next one, two seconds later, is taken.
     */
    private Optional<Progress> poll(String runId, PartnerDrop drop, Set<String> awaitingReview) {
        try {
            List<FinalState.StoredOrder> orders = state.orders(runId);
            orders.stream().filter(order -> order.status().equals("UNDER_REVIEW") && awaitingReview.contains(order.orderId()))
                    .forEach(order -> {
                        if (approved(order.orderId())) {
                            awaitingReview.remove(order.orderId());
                        }
                    });
            long ended = orders.stream().filter(order -> FINAL.contains(order.status())).count();
            return Optional.of(new Progress(orders.size(), ended, state.partnerFileReported(drop)));
        } catch (SdkException | UncheckedIOException unanswered) {
            progress.accept("a reading of the stack failed (" + unanswered.getMessage() + "); reading again");
            return Optional.empty();
        }
    }

    /** Approves a review; the review opens a moment after UNDER_REVIEW (409 review-not-open), so false means try again. */
    private boolean approved(String orderId) {
        Api.Answer answer = api.post("/orders/" + orderId + "/review",
                "{\"decision\":\"APPROVE\",\"reason\":\"Approved by the load's reviewer\"}", Map.of());
        return answer.status() == 202 || (answer.status() == 409 && !answer.body().contains("/problems/review-not-open"));
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the run settled", e);
        }
    }
}
