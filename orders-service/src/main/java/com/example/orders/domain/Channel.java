package com.example.orders.domain;

/** Where an order came from: the API, or a line of a partner's file. */
public enum Channel {
    API,
    PARTNER_FILE
}
