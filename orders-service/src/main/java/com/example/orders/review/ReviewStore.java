package com.example.orders.review;

import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderStatus;

/**
 * Where review answers are recorded, on the order itself. Claiming is one conditional write, so of
 * two answers racing for one order exactly one gets the task token, and an answer from the order's
 * own placer never records.
 */
public interface ReviewStore {

    /** Records the answer if the order waits for one; the answer that records gets the task token. */
    Claim claim(OrderId orderId, ReviewAnswer answer);

    /** Takes back a recorded answer whose token turned out stale, so the order does not show a decision nobody took. */
    void release(OrderId orderId, ReviewAnswer answer);

    sealed interface Claim permits Claimed, NoSuchOrder, PlacedByReviewer, NotUnderReview, AlreadyAnswered, NotOpenYet {
    }

    record Claimed(String taskToken) implements Claim {
    }

    record NoSuchOrder() implements Claim {
    }

    /** The reviewer is the principal that placed the order: nobody approves their own order. */
    record PlacedByReviewer() implements Claim {
    }

    record NotUnderReview(OrderStatus status) implements Claim {
    }

    record AlreadyAnswered(ReviewDecision decision) implements Claim {
    }

    /** The order is under review but the workflow's token has not been recorded yet (moments after the request). */
    record NotOpenYet() implements Claim {
    }
}
