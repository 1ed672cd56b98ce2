package com.example.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

class EventPublisherTest {

    private static final EventEnvelope<Map<String, String>> EVENT = new EventEnvelope<>(
            new EventMetadata("e-1", "1", "corr-1", "cause-1", Instant.parse("2026-11-23T10:00:00Z")), Map.of("k", "v"));

    /** An EventBridge that answers every PutEvents with the given entry, and remembers the requests. */
    private static final class AnsweringEventBridge implements EventBridgeClient {
        private final PutEventsResultEntry answer;
        private final List<PutEventsRequest> requests = new ArrayList<>();

        AnsweringEventBridge(PutEventsResultEntry answer) {
            this.answer = answer;
        }

        @Override
        public PutEventsResponse putEvents(PutEventsRequest request) {
            requests.add(request);
            return PutEventsResponse.builder().failedEntryCount(answer.errorCode() == null ? 0 : 1).entries(answer).build();
        }

        @Override
        public String serviceName() {
            return "events";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anAcceptedEntryIsPublishedOnTheBusWithItsSourceAndType() {
        AnsweringEventBridge eventBridge = new AnsweringEventBridge(PutEventsResultEntry.builder().eventId("id-1").build());

        new EventPublisher(eventBridge, "bus", "com.example.invoices").publish("InvoiceIssued", EVENT);

        var entry = eventBridge.requests.getFirst().entries().getFirst();
        assertThat(entry.eventBusName()).isEqualTo("bus");
        assertThat(entry.source()).isEqualTo("com.example.invoices");
        assertThat(entry.detailType()).isEqualTo("InvoiceIssued");
        assertThat(entry.detail()).contains("\"correlationId\":\"corr-1\"").contains("\"data\":{\"k\":\"v\"}");
    }

    @Test
    void aRefusedEntryIsAFailureNamingTheReason() {
        AnsweringEventBridge eventBridge = new AnsweringEventBridge(PutEventsResultEntry.builder()
                .errorCode("ThrottlingException").errorMessage("Rate exceeded").build());

        assertThatThrownBy(() -> new EventPublisher(eventBridge, "bus", "src").publish("InvoiceIssued", EVENT))
                .isInstanceOf(EventNotPublished.class)
                .hasMessageContaining("ThrottlingException");
    }

    @Test
    void anEventOverTheEntryLimitIsRefusedBeforeItIsSent() {
        AnsweringEventBridge eventBridge = new AnsweringEventBridge(PutEventsResultEntry.builder().eventId("id").build());
        EventEnvelope<String> huge = new EventEnvelope<>(EVENT.metadata(), "x".repeat(EventPublisher.MAX_ENTRY_BYTES));

        assertThatThrownBy(() -> new EventPublisher(eventBridge, "bus", "src").publish("Huge", huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThat(eventBridge.requests).isEmpty();
    }
}
