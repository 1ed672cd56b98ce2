package com.example.orders.risk;

/** What the risk check says about an order; the workflow routes on it. */
public enum RiskDecision {
    APPROVE,
    REVIEW,
    REJECT
}
