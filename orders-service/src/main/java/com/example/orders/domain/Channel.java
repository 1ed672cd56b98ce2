package com.example.orders.domain;

/** Where an order came from. */
public enum Channel {
    API
}
