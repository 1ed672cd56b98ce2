package com.example.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.local.Json;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Rules, delivery, retries and dead letters as EventBridge performs them. */
class LocalEventBridgeTest {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";
    private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:orders-dlq";

    private final RecordingTargets targets = new RecordingTargets();
    private final LocalEventBridge eventBridge = new LocalEventBridge("us-east-1", "000000000000", targets, Trace.discarding());

    @AfterEach
    void close() {
        eventBridge.close();
    }

    @Test
    void anEventReachesTheTargetsOfTheRulesItMatchesInEventBridgesEnvelope() {
        eventBridge.createEventBus("orders");
        eventBridge.putRule("orders", "placed", "{\"detail-type\":[\"OrderPlaced\"]}", "ENABLED", "");
        eventBridge.putTarget("orders", "placed", new Target("queue", QUEUE, 3, Duration.ofHours(1), Optional.empty()));

        JsonNode answer = eventBridge.putEvents(entries(entry("orders", "OrderPlaced", "{\"orderId\":\"o-1\"}"),
                entry("orders", "OrderConfirmed", "{\"orderId\":\"o-1\"}")));
        eventBridge.awaitDeliveries(Duration.ofSeconds(5));

        assertThat(answer.path("FailedEntryCount").asInt()).isZero();
        assertThat(targets.delivered).hasSize(1);
        JsonNode event = Json.parse(targets.delivered.getFirst());
        assertThat(event.path("detail-type").asText()).isEqualTo("OrderPlaced");
        assertThat(event.path("source").asText()).isEqualTo("com.example.orders");
        assertThat(event.path("account").asText()).isEqualTo("000000000000");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("id").asText()).isEqualTo(answer.path("Entries").path(0).path("EventId").asText());
        assertThat(event.path("detail").path("orderId").asText()).isEqualTo("o-1");
    }

    @Test
    void aBadEntryFailsAloneAndAnOversizedCallFailsWhole() {
        eventBridge.createEventBus("orders");

        JsonNode answer = eventBridge.putEvents(entries(entry("orders", "OrderPlaced", "not json"),
                entry("orders", "OrderPlaced", "{}"), entry("nowhere", "OrderPlaced", "{}")));

        assertThat(answer.path("FailedEntryCount").asInt()).isEqualTo(2);
        assertThat(answer.path("Entries").path(0).path("ErrorCode").asText()).isEqualTo("MalformedDetail");
        assertThat(answer.path("Entries").path(1).has("EventId")).isTrue();
        assertThat(answer.path("Entries").path(2).path("ErrorCode").asText()).isEqualTo("ResourceNotFoundException");
        ArrayNode eleven = Json.array();
        for (int i = 0; i < 11; i++) {
            eleven.add(entry("orders", "OrderPlaced", "{}"));
        }
        assertThatThrownBy(() -> eventBridge.putEvents(eleven)).hasMessageContaining("1 to 10 entries");
    }

    @Test
    void aTargetThatKeepsFailingIsRetriedThenItsEventGoesToTheDeadLetterQueueWithTheReason() {
        eventBridge.createEventBus("orders");
        eventBridge.putRule("orders", "placed", "{\"detail-type\":[\"OrderPlaced\"]}", "ENABLED", "");
        eventBridge.putTarget("orders", "placed", new Target("queue", QUEUE, 1, Duration.ofHours(1), Optional.of(DLQ)));
        targets.failing = true;

        eventBridge.putEvents(entries(entry("orders", "OrderPlaced", "{\"orderId\":\"o-2\"}")));
        eventBridge.awaitDeliveries(Duration.ofSeconds(10));

        assertThat(targets.attempts.get()).as("the first attempt and one retry").isEqualTo(2);
        assertThat(targets.deadLetters).hasSize(1);
        DeadLetter letter = targets.deadLetters.getFirst();
        assertThat(letter.queueArn()).isEqualTo(DLQ);
        assertThat(Json.parse(letter.event()).path("detail").path("orderId").asText()).isEqualTo("o-2");
        assertThat(letter.attributes()).containsEntry("ERROR_CODE", "AWS.SimpleQueueService.NonExistentQueue")
                .containsEntry("RETRY_ATTEMPTS", "1").containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttemptsExceeded")
                .containsEntry("TARGET_ARN", QUEUE).containsKey("RULE_ARN");
    }

    @Test
    void aPatternEventBridgeWouldRefuseIsRefusedWhenTheRuleIsPut() {
        eventBridge.createEventBus("orders");

        assertThatThrownBy(() -> eventBridge.putRule("orders", "broken", "{\"detail-type\":\"OrderPlaced\"}", "ENABLED", ""))
                .hasMessageContaining("Event pattern is not valid");
    }

    private static ArrayNode entries(JsonNode... entries) {
        ArrayNode array = Json.array();
        List.of(entries).forEach(array::add);
        return array;
    }

    private static JsonNode entry(String bus, String detailType, String detail) {
        return Json.object().put("EventBusName", bus).put("Source", "com.example.orders").put("DetailType", detailType)
                .put("Detail", detail);
    }

    private record DeadLetter(String queueArn, String event, Map<String, String> attributes) {
    }

    private static final class RecordingTargets implements Targets {
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean failing;

        @Override
        public void deliver(String targetArn, String event) {
            attempts.incrementAndGet();
            if (failing) {
                throw new DeliveryFailure("AWS.SimpleQueueService.NonExistentQueue", "The queue does not exist", true);
            }
            delivered.add(event);
        }

        @Override
        public void deadLetter(String queueArn, String event, Map<String, String> attributes) {
            deadLetters.add(new DeadLetter(queueArn, event, Map.copyOf(attributes)));
        }

        @Override
        public boolean supports(String targetArn) {
            return true;
        }
    }
}
