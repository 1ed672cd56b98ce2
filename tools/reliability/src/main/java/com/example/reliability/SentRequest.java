package com.example.reliability;

import java.util.Optional;

/**
 * What happened to one planned request: the last answer it got (a 5xx is retried with the same key,
 * as a client should), and when.
 *
 * @param sequence   the planned request's sequence
 * @param sentAtMs   when its first attempt was sent (epoch milliseconds)
 * @param latencyMs  the last attempt's time to its answer
 * @param attempts   how many times it was sent
 * @param status     the last answer's HTTP status (0: no answer at all)
 * @param orderId    the order the answer names, if any
 * @param replayed   whether the answer says it is a replay ({@code Idempotent-Replayed: true})
 */
public record SentRequest(int sequence, long sentAtMs, long latencyMs, int attempts, int status, Optional<String> orderId,
                          boolean replayed) {
}
