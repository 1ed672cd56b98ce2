package com.example.orders.risk;

import java.util.List;
import java.util.stream.Collectors;

import com.example.platform.http.Problem.Violation;

/**
 * The risk check was given something that is not an OrderPlaced v1 detail. Never transient: the
 * workflow does not retry it and marks the order FAILED with this message as the cause.
 */
public final class InvalidOrderPlacedEvent extends RuntimeException {

    public InvalidOrderPlacedEvent(List<Violation> violations) {
        super("Not an OrderPlaced v1 detail: " + violations.stream()
                .map(violation -> violation.location() + " " + violation.detail())
                .collect(Collectors.joining("; ")));
    }
}
