package com.example.orders.review;

import java.time.Instant;
import java.util.Objects;

/** Who decided what about an order under review, why, and when. */
public record ReviewAnswer(ReviewDecision decision, String reason, String reviewer, Instant answeredAt) {

    public ReviewAnswer {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(answeredAt, "answeredAt");
    }
}
