package com.example.orders.review;

/** A reviewer's answer to an order the risk check sent to review. */
public enum ReviewDecision {
    APPROVE,
    REJECT
}
