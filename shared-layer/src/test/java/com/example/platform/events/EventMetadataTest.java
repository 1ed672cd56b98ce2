package com.example.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class EventMetadataTest {

    @Test
    void aCausedEventKeepsTheCorrelationAndNamesItsCause() {
        EventMetadata placed = new EventMetadata("evt-1", "1", "corr-1", "req-1", Instant.parse("2026-11-23T10:00:00Z"));

        EventMetadata confirmed = placed.next("1", "evt-2", Instant.parse("2026-11-23T10:00:05Z"));

        assertThat(confirmed.correlationId()).isEqualTo("corr-1");
        assertThat(confirmed.causationId()).isEqualTo("evt-1");
        assertThat(confirmed.eventId()).isEqualTo("evt-2");
    }
}
