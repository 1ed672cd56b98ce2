package com.example.tests.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.ingestion.files.IngestFileHandler;
import com.example.local.sqs.SqsEventSourceMapping;
import com.example.orders.intake.PlaceOrderFromQueueHandler;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.json.Json;
import com.example.tests.contracts.EventContracts;
import com.example.tests.eventbridge.BusEvents;
import com.example.tests.eventbridge.RulePatterns;
import com.example.tests.lambda.CapturedLogs;
import com.example.tests.local.AwsBackend;
import com.example.tests.local.FaultyEventBridge;
import com.example.tests.local.LocalImplementations;
import com.example.tests.s3.ObjectCreatedEvents;
import com.example.tests.sqs.EventSourceMapping;
import com.example.tests.template.TestStack;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Partner file ingestion on moto (S3, Parameter Store, the bus, the orders intake queue routed by
 * the template's rule, the orders table): the real IngestFile handler reads the file, and the real
 * PlaceOrderFromQueue handler places what it submitted. The test plays S3's notification (the
 * template's rule pattern is evaluated on it by Event Ruler) and the rule's delivery to the partner
 * files queue; the local run's event source mappings hand both queues to their handlers.
 */
class IngestionIntegrationTest {

    private static final AwsBackend MOTO = LocalImplementations.moto();
    private static final String KEY = "incoming/acme-books/2026-11-23.jsonl";

    private TestStack stack;
    private S3Client s3;
    private SqsClient sqs;
    private BusEvents bus;
    private IngestFileHandler ingestFile;
    private EventSourceMapping intake;

    @BeforeEach
    void deploy() {
        stack = TestStack.deploy(MOTO, "AcceptedCurrenciesParameter", "EventBus", "PartnerBucket", "OrdersTable",
                "OrdersIntakeDeadLetterQueue", "OrdersIntakeQueue", "OrderSubmittedToIntakeRule", "PartnerFilesDeadLetterQueue",
                "PartnerFilesQueue");
        s3 = stack.clients().s3();
        bus = stack.captureBusEvents();
        ingestFile = new IngestFileHandler(stack.functionEnvironment("IngestFileFunction"));
        sqs = MOTO.client(SqsClient.builder(), "SQS");
        intake = new EventSourceMapping(sqs, stack.ref("OrdersIntakeQueue"),
                stack.attribute("OrdersIntakeQueue", "Arn"),
                new PlaceOrderFromQueueHandler(stack.functionEnvironment("PlaceOrderFromQueueFunction")), 10);
    }

    /** Sixteen lines, every kind of trouble among them; the comments say what becomes of each. */
    private static PartnerFiles mixedFile() {
        byte[] invalidUtf8 = {'{', '"', 'p', (byte) 0xC3, (byte) 0x28, '"', '}'};
        return new PartnerFiles()
                .line(PartnerFiles.order("PO-1", "EUR", "19.90"))                              // 1 placed
                .line("")                                                                      // 2 blank
                .line("this is not json")                                                      // 3 not JSON
                .bytes(invalidUtf8)                                                            // 4 not UTF-8
                .line("{\"partnerOrderRef\":\"PO-5\",\"currency\":\"EUR\"}")                   // 5 missing fields
                .line(PartnerFiles.order("PO-6", "EUR", "-3.00"))                             // 6 negative amount
                .line(PartnerFiles.order("PO-7", "EUR", "1.00").replace("}]}", "}],\"note\":\""
                        + "x".repeat(70_000) + "\"}"))                                         // 7 oversized
                .line(PartnerFiles.order("PO-8", "GBP", "5.00"))                              // 8 placed
                .line(PartnerFiles.order("PO-1", "EUR", "19.90"))                              // 9 duplicate of 1: same order
                .line(PartnerFiles.order("PO-8", "GBP", "6.00"))                              // 10 PO-8 again, other content: refused
                .line(PartnerFiles.order("PO-11", "SEK", "1.00"))                              // 11 currency not accepted
                .line("{\"customerId\":\"c\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":\"1\"}]}") // 12 no reference
                .line("[1,2]")                                                                 // 13 not an object
                .line(PartnerFiles.order("PO-14", "JPY", "100.5"))                             // 14 cents on yen
                .line(PartnerFiles.order("PO-15", "JPY", "1500"))                              // 15 placed
                .line(PartnerFiles.order("PO-16", "USD", "2.50"));                             // 16 placed, no final newline
    }

    @Test
    void aFileOfNLinesEndsAsExactlyNOutcomes() {
        PartnerFiles file = mixedFile();
        String versionId = upload(KEY, file.content());

        assertThat(ingest(KEY, versionId).failed()).as("ingested at the first receive").isEmpty();
        Map<Integer, String> outcomes = new TreeMap<>();
        report(KEY, versionId).get("rejected").forEach(rejected ->
                outcomes.put(rejected.get("line").asInt(), "rejected: " + rejected.get("reason").asText()));
        try (CapturedLogs logs = CapturedLogs.capture()) {
            Map<String, Integer> lineOfMessage = new HashMap<>();
            Set<Integer> refusedAtPlacement = new TreeSet<>();
            placeSubmittedOrders(lineOfMessage, refusedAtPlacement);
            refusedAtPlacement.forEach(line -> outcomes.put(line, "refused at placement"));
            assertThat(logs.lines()).anyMatch(line -> line.contains("already placed order PO-8") && line.contains("different content"));
        }
        Map<String, String> placed = partnerOrders();
        for (JsonNode submitted : bus.ofType("OrderSubmitted")) {
            int line = submitted.at("/detail/data/source/line").asInt();
            String reference = submitted.at("/detail/data/partnerOrderRef").asText();
            outcomes.putIfAbsent(line, placed.containsKey(reference) ? "placed as " + placed.get(reference) : "lost");
        }

        assertThat(outcomes).hasSize(file.lineCount());
        assertThat(outcomes.keySet()).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 16).boxed().toList());
        assertThat(outcomes.values()).noneMatch(outcome -> outcome.equals("lost"));
        assertThat(outcomes).hasEntrySatisfying(2, outcome -> assertThat(outcome).contains("blank"))
                .hasEntrySatisfying(3, outcome -> assertThat(outcome).contains("not JSON"))
                .hasEntrySatisfying(4, outcome -> assertThat(outcome).contains("UTF-8"))
                .hasEntrySatisfying(5, outcome -> assertThat(outcome).contains("/customerId").contains("/lines"))
                .hasEntrySatisfying(6, outcome -> assertThat(outcome).contains("/lines/0/unitPrice"))
                .hasEntrySatisfying(7, outcome -> assertThat(outcome).contains("longer than 65536 bytes"))
                .hasEntrySatisfying(10, outcome -> assertThat(outcome).isEqualTo("refused at placement"))
                .hasEntrySatisfying(11, outcome -> assertThat(outcome).contains("not accepted in SEK"))
                .hasEntrySatisfying(12, outcome -> assertThat(outcome).contains("partnerOrderRef"))
                .hasEntrySatisfying(13, outcome -> assertThat(outcome).contains("not a JSON object"))
                .hasEntrySatisfying(14, outcome -> assertThat(outcome).contains("JPY amounts have no decimals"));
        assertThat(outcomes.get(9)).as("the duplicate line is the same order as line 1").isEqualTo(outcomes.get(1));
        assertThat(placed).hasSize(4);
        JsonNode summary = report(KEY, versionId);
        assertThat(summary.at("/summary/linesRead").asInt()).isEqualTo(16);
        assertThat(summary.at("/summary/submitted").asInt()).isEqualTo(6);
        assertThat(summary.at("/summary/rejected").asInt()).isEqualTo(10);
    }

    @Test
    void everySubmittedLineMeetsTheOrderSubmittedContractAndNamesItsOrigin() {
        String versionId = upload(KEY, mixedFile().content());

        ingest(KEY, versionId);

        List<JsonNode> submitted = bus.ofType("OrderSubmitted");
        assertThat(submitted).hasSize(6);
        submitted.forEach(event -> assertThat(EventContracts.violations("order-submitted.v1.schema.json",
                Json.write(event.get("detail")))).as(event.toString()).isEmpty());
        JsonNode first = submitted.stream().filter(event -> event.at("/detail/data/source/line").asInt() == 1).findFirst().orElseThrow();
        assertThat(first.at("/detail/metadata/eventId").asText()).isEqualTo("acme-books:PO-1");
        assertThat(first.at("/detail/data/source/versionId").asText()).isEqualTo(versionId);
        assertThat(first.at("/detail/metadata/correlationId").asText()).startsWith("file-");
    }

    @Test
    void theSameNotificationTwiceSubmitsNothingTwice() {
        String versionId = upload(KEY, mixedFile().content());
        String notification = ObjectCreatedEvents.of(stack.ref("PartnerBucket"), KEY, versionId, 1000);
        invoke(notification);
        placeSubmittedOrders(new HashMap<>(), new TreeSet<>());
        Map<String, String> ordersAfterFirst = partnerOrders();
        int submittedAfterFirst = bus.ofType("OrderSubmitted").size();

        SqsEventSourceMapping.Poll second = invoke(notification);

        assertThat(second.failed()).as("already ingested: not a failure").isEmpty();
        placeSubmittedOrders(new HashMap<>(), new TreeSet<>());
        assertThat(bus.ofType("OrderSubmitted")).hasSize(submittedAfterFirst);
        assertThat(partnerOrders()).isEqualTo(ordersAfterFirst);
    }

    @Test
    void theFileMovesToProcessedAndItsReportIsWritten() {
        String versionId = upload(KEY, mixedFile().content());

        ingest(KEY, versionId);

        assertThat(exists(KEY)).as("no longer under incoming/").isFalse();
        assertThat(exists("processed/acme-books/2026-11-23.jsonl")).isTrue();
        JsonNode report = report(KEY, versionId);
        assertThat(report.at("/source/key").asText()).isEqualTo(KEY);
        assertThat(report.get("rejected")).extracting(rejected -> rejected.get("line").asInt())
                .containsExactly(2, 3, 4, 5, 6, 7, 11, 12, 13, 14);
    }

    @Test
    void aFileOverTheLimitIsRefusedInItsReportUnreadAndLeftInPlace() {
        ingestFile = ingestFileWith("MAX_FILE_BYTES", "999");
        String versionId = upload(KEY, mixedFile().content());

        SqsEventSourceMapping.Poll poll = invoke(ObjectCreatedEvents.of(stack.ref("PartnerBucket"), KEY, versionId, 1000));

        assertThat(poll.failed()).as("refusing is not a failure: the file is not handed out again").isEmpty();
        assertThat(bus.ofType("OrderSubmitted")).as("nothing read, nothing submitted").isEmpty();
        assertThat(exists(KEY)).as("left where the partner put it").isTrue();
        JsonNode report = report(KEY, versionId);
        assertThat(report.get("refused").asText()).contains("1000 bytes", "limit of 999");
        assertThat(report.at("/summary/linesRead").asInt()).isZero();
        invoke(ObjectCreatedEvents.of(stack.ref("PartnerBucket"), KEY, versionId, 1000));
        assertThat(report(KEY, versionId)).as("the same notification again finds the report: nothing more happens")
                .isEqualTo(report);
    }

    @Test
    void refusedEntriesArePublishedAgainAndNoLineIsLost() {
        try (FaultyEventBridge eventBridge = FaultyEventBridge.forwardingTo(
                java.net.URI.create(MOTO.environment().get("AWS_ENDPOINT_URL")))) {
            ingestFile = ingestFileWith("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.endpoint().toString());
            eventBridge.refuseNext(1);
            String versionId = upload(KEY, mixedFile().content());

            ingest(KEY, versionId);
        }

        assertThat(bus.ofType("OrderSubmitted")).hasSize(6);
    }

    @Test
    void aFileThatKeepsFailingWaitsInTheDeadLetterQueueAfterThreeReceivesWithNothingSubmitted() {
        ingestFile = ingestFileWith("ACCEPTED_CURRENCIES_PARAMETER", "/no/such/parameter");
        String versionId = upload(KEY, mixedFile().content());
        String notification = ObjectCreatedEvents.of(stack.ref("PartnerBucket"), KEY, versionId, 1000);

        assertThat(invoke(notification).failed()).as("the first receive fails").hasSize(1);
        assertThat(partnerFiles().poll().failed()).as("the second").hasSize(1);
        assertThat(partnerFiles().poll().failed()).as("the third").hasSize(1);

        assertThat(partnerFiles().poll().received()).as("no fourth receive").isZero();
        assertThat(sqs.receiveMessage(builder -> builder.queueUrl(stack.ref("PartnerFilesDeadLetterQueue")).waitTimeSeconds(1))
                .messages()).extracting(message -> message.body()).containsExactly(notification);
        assertThat(bus.ofType("OrderSubmitted")).as("nothing submitted").isEmpty();
        assertThat(exists(KEY)).as("the file is still where the partner put it").isTrue();
    }

    @Test
    void aFileOutsideThePartnerLayoutIsLeftAloneAndSubmitsNothing() {
        String key = "incoming/no-partner-folder.jsonl";
        String versionId = upload(key, mixedFile().content());

        SqsEventSourceMapping.Poll poll = invoke(ObjectCreatedEvents.of(stack.ref("PartnerBucket"), key, versionId, 10));

        assertThat(poll.failed()).as("logged, not retried").isEmpty();
        assertThat(bus.ofType("OrderSubmitted")).isEmpty();
        assertThat(exists(key)).as("left where it was put").isTrue();
    }

    // ----------------------------------------------------------------

    /** IngestFile on the template's environment with one variable changed. */
    private IngestFileHandler ingestFileWith(String variable, String value) {
        Map<String, String> variables = new HashMap<>(stack.functionEnvironment("IngestFileFunction").variables());
        variables.put(variable, value);
        return new IngestFileHandler(LambdaEnvironment.of(variables));
    }

    private String upload(String key, byte[] content) {
        return s3.putObject(builder -> builder.bucket(stack.ref("PartnerBucket")).key(key), RequestBody.fromBytes(content))
                .versionId();
    }

    /** What S3 and the rule do: the notification, checked against the rule's pattern, handed to the function. */
    private SqsEventSourceMapping.Poll ingest(String key, String versionId) {
        return invoke(ObjectCreatedEvents.of(stack.ref("PartnerBucket"), key, versionId, 1000));
    }

    /**
     * What the rule and the queue do: the notification, checked against the rule's pattern, put on the
     * partner files queue, and handed to IngestFile by the event source mapping; the batch it took.
     */
    private SqsEventSourceMapping.Poll invoke(String notification) {
        String key = Json.parse(notification).at("/detail/object/key").asText();
        assertThat(RulePatterns.of(stack, "PartnerFileCreatedRule").matches(notification)).as("the rule matches " + key).isTrue();
        sqs.sendMessage(builder -> builder.queueUrl(stack.ref("PartnerFilesQueue")).messageBody(notification));
        SqsEventSourceMapping.Poll poll = partnerFiles().poll();
        assertThat(poll.received()).as("one file, one message").isEqualTo(1);
        return poll;
    }

    /** The partner files queue's event source mapping, as the template sets it (a file per batch), over IngestFile. */
    private EventSourceMapping partnerFiles() {
        return new EventSourceMapping(sqs, stack.ref("PartnerFilesQueue"),
                stack.attribute("PartnerFilesQueue", "Arn"), ingestFile, 1);
    }

    /** Runs the intake queue until only messages that keep failing are left; records which lines they were. */
    private void placeSubmittedOrders(Map<String, Integer> lineOfMessage, Set<Integer> refusedAtPlacement) {
        for (int poll = 0; poll < 6; poll++) {
            SqsEventSourceMapping.Poll result = intake.poll();
            result.failed().forEach(messageId -> refusedAtPlacement.add(lineOfFailed(messageId)));
            if (result.received() == 0) {
                return;
            }
        }
    }

    private final Map<String, Integer> failedLines = new HashMap<>();

    private int lineOfFailed(String messageId) {
        return failedLines.computeIfAbsent(messageId, id -> intake.bodyOf(id)
                .map(body -> Json.parse(body).at("/detail/data/source/line").asInt()).orElse(-1));
    }

    /** Partner orders in the table: partner reference -> order id. */
    private Map<String, String> partnerOrders() {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            return dynamoDb.scanPaginator(ScanRequest.builder().tableName(stack.ref("OrdersTable")).build()).items().stream()
                    .filter(item -> "PARTNER_FILE".equals(item.get("channel").s()))
                    .collect(Collectors.toMap(item -> item.get("causationId").s().substring("acme-books:".length()),
                            item -> item.get("orderId").s()));
        }
    }

    private JsonNode report(String key, String versionId) {
        String reportKey = "reports/acme-books/2026-11-23.jsonl." + versionId + ".report.json";
        return Json.parse(s3.getObjectAsBytes(builder -> builder.bucket(stack.ref("PartnerBucket")).key(reportKey)).asUtf8String());
    }

    private boolean exists(String key) {
        return s3.listObjectsV2(builder -> builder.bucket(stack.ref("PartnerBucket")).prefix(key)).contents().stream()
                .anyMatch(object -> object.key().equals(key));
    }

}
