package com.example.reliability;

import java.util.Optional;
import java.util.Set;

/**
 * What a request of the load is, and what the application must make of it. The reconciler holds
 * every request to this: its answer, and where its order ends.
 */
public enum RequestKind {

    /** A small order: accepted, approved by the risk check, invoiced. */
    STANDARD(Set.of(202), Optional.of("INVOICED")),
    /** Above the review limit: waits for a reviewer; the load's reviewer approves it, then it is invoiced. */
    REVIEW(Set.of(202), Optional.of("INVOICED")),
    /** Above the rejection limit: accepted, then rejected by the risk check and never invoiced. */
    OVER_LIMIT(Set.of(202), Optional.of("REJECTED")),
    /** The same Idempotency-Key and body as an earlier request: the same answer, never a second order. */
    REPLAY(Set.of(202), Optional.empty()),
    /**
     * An earlier request's key with another body: 422, no order. Sent concurrently, it can arrive
     * first; then it is the one placed and the earlier request gets the 422 (the reconciler allows either).
     */
    KEY_REUSED(Set.of(422, 202), Optional.empty()),
    /** Not a valid order: 400 with every violation, no order. */
    INVALID(Set.of(400), Optional.empty());

    private final Set<Integer> acceptableStatuses;
    private final Optional<String> finalStatus;

    RequestKind(Set<Integer> acceptableStatuses, Optional<String> finalStatus) {
        this.acceptableStatuses = acceptableStatuses;
        this.finalStatus = finalStatus;
    }

    public Set<Integer> acceptableStatuses() {
        return acceptableStatuses;
    }

    /** Where the order this request creates must end; empty when it creates none of its own. */
    public Optional<String> finalStatus() {
        return finalStatus;
    }
}
