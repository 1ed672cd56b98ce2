package com.example.orders.domain;

/** The life of an order (SPEC 3): placed by the API, decided by the workflow, then invoiced. */
public enum OrderStatus {
    PLACED,
    CONFIRMED,
    REJECTED,
    FAILED,
    INVOICED
}
