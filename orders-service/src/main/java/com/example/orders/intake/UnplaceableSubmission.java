package com.example.orders.intake;

/**
 * An intake message that can never be placed: not an OrderSubmitted v1 event, an order that breaks
 * the order rules, or a partner reference already placed with different content. It fails every
 * receive, so after the queue's maxReceiveCount it rests in the intake dead-letter queue; this
 * message, logged each time, says why.
 */
public final class UnplaceableSubmission extends RuntimeException {

    public UnplaceableSubmission(String reason) {
        super(reason);
    }
}
