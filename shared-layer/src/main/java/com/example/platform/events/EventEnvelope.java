package com.example.platform.events;

import java.util.Objects;

/**
 * The {@code detail} of every event on the bus: provenance in {@code metadata}, the contract's
 * payload in {@code data}. Contracts live in {@code contracts/events}.
 */
public record EventEnvelope<T>(EventMetadata metadata, T data) {

    public EventEnvelope {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(data, "data");
    }
}
