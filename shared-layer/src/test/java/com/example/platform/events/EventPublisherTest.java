package com.example.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

class EventPublisherTest {

    private static final EventEnvelope<Map<String, String>> EVENT = new EventEnvelope<>(
            new EventMetadata("e-1", "1", "corr-1", "cause-1", Instant.parse("2026-11-23T10:00:00Z")), Map.of("k", "v"));

    /**
     * An EventBridge that refuses the first {@code refusals} entries it is sent (as throttling does),
     * accepts the rest, and remembers the requests.
     */
    private static final class AnsweringEventBridge implements EventBridgeClient {
        private final PutEventsResultEntry answer;
        private int refusals;
        private final List<PutEventsRequest> requests = new ArrayList<>();

        AnsweringEventBridge(PutEventsResultEntry answer) {
            this.answer = answer;
            this.refusals = answer.errorCode() == null ? 0 : Integer.MAX_VALUE;
        }

        AnsweringEventBridge refusingFirst(int entries) {
            this.refusals = entries;
            return this;
        }

        @Override
        public PutEventsResponse putEvents(PutEventsRequest request) {
            requests.add(request);
            List<PutEventsResultEntry> results = new ArrayList<>();
            for (int i = 0; i < request.entries().size(); i++) {
                results.add(refusals-- > 0
                        ? PutEventsResultEntry.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded").build()
                        : PutEventsResultEntry.builder().eventId("id-" + i).build());
            }
            return PutEventsResponse.builder().failedEntryCount((int) results.stream().filter(r -> r.errorCode() != null).count())
                    .entries(results).build();
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
    void primingSendsARequestWithNoEntrySoNothingCanBePublished() {
        AnsweringEventBridge eventBridge = new AnsweringEventBridge(PutEventsResultEntry.builder().eventId("id-1").build());

        new EventPublisher(eventBridge, "bus", "com.example.invoices").prime();

        assertThat(eventBridge.requests).singleElement().satisfies(request -> assertThat(request.entries()).isEmpty());
    }

    @Test
    void primingTakesEventBridgesRefusalOfAnEmptyRequestAsItsEnd() {
        EventBridgeClient refusing = new EventBridgeClient() {
            @Override
            public PutEventsResponse putEvents(PutEventsRequest request) {
                throw (EventBridgeException) EventBridgeException.builder().statusCode(400)
                        .message("Value '[]' at 'entries' failed to satisfy constraint").build();
            }

            @Override
            public String serviceName() {
                return "events";
            }

            @Override
            public void close() {
            }
        };

        assertThatCode(() -> new EventPublisher(refusing, "bus", "com.example.invoices").prime()).doesNotThrowAnyException();
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

    private static final Backoff NO_WAIT = new Backoff(3, java.time.Duration.ZERO, java.time.Duration.ZERO);

    @Test
    void aBatchIsCutToTenEntriesAndTwoHundredFiftySixKilobytesPerRequest() {
        AnsweringEventBridge eventBridge = new AnsweringEventBridge(PutEventsResultEntry.builder().eventId("id").build());
        List<EventEnvelope<String>> small = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> new EventEnvelope<>(EVENT.metadata(), "event " + i)).toList();
        List<EventEnvelope<String>> large = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> new EventEnvelope<>(EVENT.metadata(), "x".repeat(100 * 1024))).toList();

        new EventPublisher(eventBridge, "bus", "src", NO_WAIT).publishAll("Small", small);
        new EventPublisher(eventBridge, "bus", "src", NO_WAIT).publishAll("Large", large);

        assertThat(eventBridge.requests).extracting(request -> request.entries().size()).containsExactly(10, 10, 5, 2, 2, 1);
    }

    @Test
    void refusedEntriesOfABatchAreSentAgainUntilAccepted() {
        AnsweringEventBridge eventBridge = new AnsweringEventBridge(PutEventsResultEntry.builder().eventId("id").build())
                .refusingFirst(3);
        List<EventEnvelope<String>> events = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> new EventEnvelope<>(EVENT.metadata(), "event " + i)).toList();

        new EventPublisher(eventBridge, "bus", "src", NO_WAIT).publishAll("Batch", events);

        assertThat(eventBridge.requests).extracting(request -> request.entries().size()).containsExactly(10, 3);
        assertThat(eventBridge.requests.get(1).entries()).extracting(entry -> entry.detail())
                .containsExactly(eventBridge.requests.get(0).entries().subList(0, 3).stream().map(e -> e.detail()).toArray(String[]::new));
    }

    @Test
    void entriesStillRefusedAfterTheLastAttemptAreAFailure() {
        AnsweringEventBridge eventBridge = new AnsweringEventBridge(PutEventsResultEntry.builder()
                .errorCode("ThrottlingException").errorMessage("Rate exceeded").build());

        assertThatThrownBy(() -> new EventPublisher(eventBridge, "bus", "src", NO_WAIT).publishAll("Batch", List.of(EVENT)))
                .isInstanceOf(EventNotPublished.class).hasMessageContaining("after 3 attempts");
        assertThat(eventBridge.requests).hasSize(3);
    }

    @Test
    void backoffCeilingsDoubleUpToTheCap() {
        Backoff backoff = new Backoff(6, java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(500));
        assertThat(java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(backoff::ceiling).map(java.time.Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 500L, 500L);
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
