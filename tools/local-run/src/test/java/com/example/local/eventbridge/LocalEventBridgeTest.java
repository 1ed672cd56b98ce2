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

    /**
     * A bus's policy denies a source to every principal but its publisher: the publisher's entries go
     * through, anyone else's (a key nobody knows too) are refused one by one; a key that signs for
     * several roles passes where one of them may.
     */
    @Test
    void aBusPolicyLetsOnlyTheSourcesPublisherPutItsEvents() throws Exception {
        String publisher = "arn:aws:iam::000000000000:role/orders-IssueInvoiceFunctionRole";
        eventBridge.createEventBus("orders");
        eventBridge.putPolicyStatement("orders", "only-invoicing-puts-invoices", Map.of("Effect", "Deny", "Principal", "*",
                "Action", "events:PutEvents", "Resource", "arn:aws:events:us-east-1:000000000000:event-bus/orders",
                "Condition", Map.of("StringEquals", Map.of("events:source", "com.example.invoices"),
                        "ArnNotEquals", Map.of("aws:PrincipalArn", publisher))));
        eventBridge.identifyCallersWith(key -> switch (key.orElse("")) {
            case "ASIAPUBLISHER" -> List.of(publisher);
            case "AKIAENGINE" -> List.of("arn:aws:iam::000000000000:role/orders-Workflow", publisher);
            case "AKIAOTHER" -> List.of("arn:aws:iam::000000000000:user/someone");
            default -> List.of();
        });
        JsonNode invoiceIssued = Json.object().put("EventBusName", "orders").put("Source", "com.example.invoices")
                .put("DetailType", "InvoiceIssued").put("Detail", "{}");
        HttpServer server = HttpServers.start(0, eventBridge);
        try {
            for (String key : List.of("ASIAPUBLISHER", "AKIAENGINE")) {
                assertThat(putEventsSignedBy(server, key, entries(invoiceIssued)).path("FailedEntryCount").asInt()).as(key).isZero();
            }
            for (String key : List.of("AKIAOTHER", "AKIANOBODY")) {
                JsonNode answer = putEventsSignedBy(server, key, entries(invoiceIssued, entry("orders", "OrderPlaced", "{}")));
                assertThat(answer.path("FailedEntryCount").asInt()).as(key).isEqualTo(1);
                assertThat(answer.path("Entries").path(0).path("ErrorCode").asText()).isEqualTo("NotAuthorizedForSourceException");
                assertThat(answer.path("Entries").path(1).has("EventId")).as("another source is not this policy's").isTrue();
            }
        } finally {
            server.stop(0);
        }
        assertThat(eventBridge.putEvents(entries(invoiceIssued), "arn:aws:iam::000000000000:role/orders-OrderPlacedPipeRole")
                .path("Entries").path(0).path("ErrorCode").asText()).as("a pipe's role is checked too")
                .isEqualTo("NotAuthorizedForSourceException");
        assertThatThrownBy(() -> eventBridge.putPolicyStatement("orders", "allow-an-account", Map.of("Effect", "Allow",
                "Principal", Map.of("AWS", "arn:aws:iam::111122223333:root"), "Action", "events:PutEvents", "Resource", "*")))
                .as("what the local run cannot evaluate is refused").hasMessageContaining("evaluates statements for every principal");
    }

    private static JsonNode putEventsSignedBy(HttpServer server, String accessKey, ArrayNode entries) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .header("X-Amz-Target", "AWSEvents.PutEvents").header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/20261208/us-east-1/events/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.object().set("Entries", entries)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return Json.parse(answer.body());
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
