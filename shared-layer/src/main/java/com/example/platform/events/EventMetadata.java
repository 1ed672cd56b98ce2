package com.example.platform.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Provenance carried by every event: {@code correlationId} ties together everything one request
 * started; {@code causationId} names the event or request that directly caused this one.
 */
public record EventMetadata(String eventId, String schemaVersion, String correlationId, String causationId,
                            Instant occurredAt) {

    public EventMetadata {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** Metadata of an event caused by {@code cause}: same correlation, caused by the cause's event id. */
    public EventMetadata next(String schemaVersion, String eventId, Instant occurredAt) {
        return new EventMetadata(eventId, schemaVersion, correlationId, this.eventId, occurredAt);
    }
}
