package com.example.orders.domain;

/**
 * The life of an order: placed by the API, decided by the workflow (with a human review
 * for some), then invoiced. Statuses only move forward; the workflow's conditional writes enforce it.
 */
public enum OrderStatus {
    PLACED,
    UNDER_REVIEW,
    CONFIRMED,
    REJECTED,
    FAILED,
    INVOICED
}
