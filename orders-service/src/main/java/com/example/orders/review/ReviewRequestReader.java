package com.example.orders.review;

import java.time.Clock;
import java.util.List;

import com.example.platform.contracts.JsonContract;
import com.example.platform.contracts.Reading;
import com.example.platform.http.Problem.Violation;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads the body of {@code POST /orders/{orderId}/review} against its contract (the one API Gateway also checks). */
public final class ReviewRequestReader {

    static final String CONTRACT = "contracts/api/review-order-request.schema.json";

    private final JsonContract contract;
    private final Clock clock;

    public ReviewRequestReader(Clock clock) {
        this.contract = JsonContract.fromClasspath(CONTRACT);
        this.clock = clock;
    }

    public Reading<ReviewAnswer> read(JsonNode body, String reviewer) {
        List<Violation> violations = contract.violations(body);
        if (!violations.isEmpty()) {
            return new Reading.Invalid<>(violations);
        }
        return new Reading.Valid<>(new ReviewAnswer(ReviewDecision.valueOf(body.get("decision").asText()),
                body.get("reason").asText().strip(), reviewer, clock.instant()));
    }
}
