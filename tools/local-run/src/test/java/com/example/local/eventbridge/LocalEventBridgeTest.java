package com.example.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.local.Json;
import com.example.local.faults.Fault;
import com.example.local.faults.FaultInjection;
import com.example.local.servers.HttpServers;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;

/** Rules, delivery, retries and dead letters as EventBridge performs them. */
class LocalEventBridgeTest {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";
    private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:orders-dlq";

    private final RecordingTargets targets = new RecordingTargets();
    private final FaultInjection faults = FaultInjection.switchedOff();
    private final LocalEventBridge eventBridge = new LocalEventBridge("us-east-1", "000000000000", targets, Trace.discarding(),
            faults);

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
    void aTargetTheFaultSwitchDeniesGetsNoRetryAndItsEventGoesToTheDeadLetterQueueAtOnce() {
        eventBridge.createEventBus("orders");
        eventBridge.putRule("orders", "placed", "{\"detail-type\":[\"OrderPlaced\"]}", "ENABLED", "");
        eventBridge.putTarget("orders", "placed", new Target("queue", QUEUE, 8, Duration.ofHours(1), Optional.of(DLQ)));
        faults.inject(Fault.lasting("events", "DeliverToTarget", Optional.of(":orders"), 1, Duration.ofMinutes(1), faults.now()));

        eventBridge.putEvents(entries(entry("orders", "OrderPlaced", "{\"orderId\":\"o-3\"}")));
        eventBridge.awaitDeliveries(Duration.ofSeconds(5));

        assertThat(targets.attempts.get()).as("denied before the target is called").isZero();
        assertThat(targets.deadLetters).singleElement().satisfies(letter -> assertThat(letter.attributes())
                .containsEntry("ERROR_CODE", "AccessDeniedException").containsEntry("RETRY_ATTEMPTS", "0"));
    }

    @Test
    void callersOfTheApiMeetTheEntriesTheFaultSwitchRefusesAndOnlyThose() throws Exception {
        eventBridge.createEventBus("orders");
        faults.inject(Fault.lasting("events", "PutEvents", Optional.empty(), 1, Duration.ofMinutes(1), faults.now()));
        HttpServer server = HttpServers.start(0, eventBridge);
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .header("X-Amz-Target", "AWSEvents.PutEvents").header("Content-Type", "application/x-amz-json-1.1")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.object().set("Entries",
                            entries(entry("orders", "OrderPlaced", "{}"), entry("orders", "OrderPlaced", "{}")))))).build(),
                    HttpResponse.BodyHandlers.ofString());

            JsonNode body = Json.parse(answer.body());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(body.path("FailedEntryCount").asInt()).isEqualTo(2);
            assertThat(body.path("Entries").path(0).path("ErrorCode").asText()).isEqualTo("InternalFailure");
            assertThat(eventBridge.putEvents(entries(entry("orders", "OrderPlaced", "{}"))).path("FailedEntryCount").asInt())
                    .as("the local run's own S3 and pipe events are not refused").isZero();
        } finally {
            server.stop(0);
        }
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
