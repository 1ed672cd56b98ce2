package com.example.reliability;

/**
 * One order placement of the load, decided before the run.
 *
 * @param sequence       its place in the plan, from 0
 * @param kind           what it is and what must become of it
 * @param idempotencyKey the key it is sent with (a replay or a reused key repeats an earlier one)
 * @param customerId     the customer, unique to the run (and to its original, for a replay)
 * @param body           the JSON it sends
 * @param original       for a replay or a reused key, the sequence of the request it repeats; else -1
 */
public record PlannedRequest(int sequence, RequestKind kind, String idempotencyKey, String customerId, String body, int original) {
}
