package com.example.tests.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.invoices.api.GetInvoiceHandler;
import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.issuing.InvoiceItems;
import com.example.invoices.issuing.InvoiceVerifier;
import com.example.invoices.issuing.IssueInvoiceHandler;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.json.Json;
import com.example.platform.money.Money;
import com.example.tests.contracts.EventContracts;
import com.example.tests.eventbridge.BusEvents;
import com.example.tests.lambda.LambdaCall;
import com.example.tests.lambda.SampleEvents;
import com.example.tests.local.AwsBackend;
import com.example.tests.local.FaultyEventBridge;
import com.example.tests.local.LocalImplementations;
import com.example.tests.sqs.EventSourceMapping;
import com.example.tests.template.TestStack;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real IssueInvoice handler on its queue: ElasticMQ with the template's visibility timeout and
 * redrive policy (real receive counting and dead-lettering), moto for the invoices table,
 * Parameter Store, Secrets Manager and the bus. The test plays the event source mapping.
 */
class InvoiceIssuingIntegrationTest {

    private static final AwsBackend BACKEND = LocalImplementations.elasticMqAndMoto();

    private TestStack stack;
    private SqsClient sqs;
    private BusEvents bus;
    private IssueInvoiceHandler issueInvoice;

    @BeforeEach
    void deploy() {
        stack = TestStack.deploy(BACKEND, "InvoicesTable", "TaxRatesParameter", "InvoiceSigningKey", "EventBus",
                "InvoiceDeadLetterQueue", "InvoiceQueue");
        sqs = BACKEND.client(SqsClient.builder(), "SQS");
        bus = stack.captureBusEvents();
        issueInvoice = new IssueInvoiceHandler(stack.functionEnvironment("IssueInvoiceFunction"));
    }

    @Test
    void aBatchWithOnePoisonMessageReportsOnlyItAndItEndsInTheDeadLetterQueue() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String message = OrderConfirmedMessages.forNewOrder("100.00", "EUR");
            orders.add(OrderConfirmedMessages.orderId(message));
            send(message);
        }
        String poison = send("{\"source\":\"com.example.orders.fulfilment\",\"detail-type\":\"OrderConfirmed\",\"detail\":{}}");
        EventSourceMapping mapping = mapping(10);

        Set<String> reported = new HashSet<>();
        for (int receive = 0; receive < 8 && !inDeadLetterQueue().contains(poison); receive++) {
            reported.addAll(mapping.pollOnce());
        }

        assertThat(reported).as("only the poison message is ever reported").containsExactly(poison);
        assertThat(inDeadLetterQueue()).as("after maxReceiveCount (5) receives").containsExactly(poison);
        assertThat(invoiceCount()).isEqualTo(9);
        orders.forEach(orderId -> assertThat(invoice(orderId)).isPresent());
    }

    @Test
    void theSameOrderConfirmedTwiceGivesOneInvoiceAnnouncedTwiceAsTheSameEvent() {
        String message = OrderConfirmedMessages.forNewOrder("47.30", "EUR");
        send(message);
        send(message);

        mapping(1).drain(5);

        assertThat(invoiceCount()).isEqualTo(1);
        Invoice invoice = invoice(OrderConfirmedMessages.orderId(message)).orElseThrow();
        assertThat(invoice.number().toString()).matches("INV-\\d{4}-000001");
        assertThat(invoice.tax().toPlainString()).isEqualTo("9.46");
        assertThat(invoice.gross().toPlainString()).isEqualTo("56.76");
        List<JsonNode> announced = awaitInvoiceIssued(2);
        assertThat(announced).extracting(event -> event.at("/detail/metadata/eventId").asText())
                .containsOnly(invoice.id() + ":issued");
        announced.forEach(event -> assertThat(EventContracts.violations("invoice-issued.v1.schema.json",
                Json.write(event.get("detail")))).isEmpty());
        assertThat(announced.getFirst().at("/detail/metadata/causationId").asText())
                .isEqualTo(OrderConfirmedMessages.orderId(message) + ":confirmed");
    }

    @Test
    void fiftyOrdersIssuedConcurrentlyGetFiftyDistinctNumbersWithoutGaps() throws Exception {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            messages.add(send(OrderConfirmedMessages.forNewOrder("10.00", "GBP")));
        }
        // Five environments at once, as the event source mapping's maximum concurrency allows.
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            List<Future<?>> environments = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                EventSourceMapping environment = new EventSourceMapping(sqs, stack.ref("InvoiceQueue"),
                        stack.attribute("InvoiceQueue", "Arn"),
                        new IssueInvoiceHandler(stack.functionEnvironment("IssueInvoiceFunction")), 10);
                environments.add(pool.submit(() -> {
                    int emptyPolls = 0;
                    while (emptyPolls < 2) {
                        emptyPolls = environment.poll().received() == 0 ? emptyPolls + 1 : 0;
                    }
                }));
            }
            for (Future<?> environment : environments) {
                environment.get();
            }
        }

        List<String> numbers = allInvoices().stream().map(invoice -> invoice.number().toString()).toList();
        assertThat(numbers).hasSize(50).doesNotHaveDuplicates();
        assertThat(allInvoices()).extracting(invoice -> invoice.number().sequence())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void aRefusedInvoiceIssuedFailsOnlyThatMessageAndItsRetryIssuesNoSecondInvoice() {
        try (FaultyEventBridge eventBridge = FaultyEventBridge.forwardingTo(
                java.net.URI.create(BACKEND.environment().get("AWS_ENDPOINT_URL")))) {
            Map<String, String> variables = new java.util.HashMap<>(stack.functionEnvironment("IssueInvoiceFunction").variables());
            variables.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.endpoint().toString());
            EventSourceMapping mapping = new EventSourceMapping(sqs, stack.ref("InvoiceQueue"),
                    stack.attribute("InvoiceQueue", "Arn"), new IssueInvoiceHandler(LambdaEnvironment.of(variables)), 10);
            String refused = send(OrderConfirmedMessages.forNewOrder("20.00", "EUR"));
            eventBridge.refuseNext(1);

            Set<String> firstBatch = mapping.pollOnce();

            assertThat(firstBatch).containsExactly(refused);
            Invoice afterFailure = invoice(OrderConfirmedMessages.orderId(messageBody(refused))).orElseThrow();
            assertThat(mapping.pollOnce()).isEmpty();
            assertThat(invoiceCount()).isEqualTo(1);
            assertThat(invoice(afterFailure.orderId()).orElseThrow()).isEqualTo(afterFailure);
            assertThat(awaitInvoiceIssued(1)).hasSize(1);
        }
    }

    @Test
    void theSignatureVerifiesAndATamperedInvoiceDoesNot() {
        String message = OrderConfirmedMessages.forNewOrder("99.99", "CHF");
        send(message);
        mapping(10).drain(3);
        Invoice invoice = invoice(OrderConfirmedMessages.orderId(message)).orElseThrow();
        InvoiceVerifier verifier = verifier();

        assertThat(verifier.verifies(invoice)).isTrue();
        Invoice tampered = new Invoice(invoice.id(), invoice.number(), invoice.orderId(), invoice.customerId(),
                invoice.net(), invoice.taxRate(), invoice.tax(),
                new Money(invoice.gross().amount().subtract(java.math.BigDecimal.ONE), invoice.gross().currency()),
                invoice.issuedAt(), invoice.correlationId(), invoice.causationId(), invoice.signature(), invoice.signingKeyVersion());
        assertThat(verifier.verifies(tampered)).isFalse();
    }

    /** The runbook's rotation (docs/operations.md): a new current version; invoices signed before keep verifying. */
    @Test
    void afterTheKeyIsRotatedNewInvoicesUseTheNewVersionAndOldOnesStillVerify() {
        String first = send(OrderConfirmedMessages.forNewOrder("10.00", "EUR"));
        mapping(10).drain(3);
        Invoice before = invoice(OrderConfirmedMessages.orderId(messageBody(first))).orElseThrow();
        String rotated;
        try (SecretsManagerClient secretsManager = stack.clients().secretsManager()) {
            rotated = secretsManager.putSecretValue(request -> request.secretId(stack.ref("InvoiceSigningKey"))
                    .secretString("a-new-key-of-sixty-four-characters-0123456789abcdefghijklmnopqrs")).versionId();
        }
        // A new handler: a warm one reads the new version within five minutes (CurrentSigningKey).
        issueInvoice = new IssueInvoiceHandler(stack.functionEnvironment("IssueInvoiceFunction"));
        String second = send(OrderConfirmedMessages.forNewOrder("10.00", "EUR"));
        mapping(10).drain(3);
        Invoice after = invoice(OrderConfirmedMessages.orderId(messageBody(second))).orElseThrow();

        assertThat(after.signingKeyVersion()).isEqualTo(rotated).isNotEqualTo(before.signingKeyVersion());
        InvoiceVerifier verifier = verifier();
        assertThat(verifier.verifies(before)).as("signed before the rotation").isTrue();
        assertThat(verifier.verifies(after)).isTrue();
        assertThat(verifier.verifies(after.withSignature(after.signature(), before.signingKeyVersion())))
                .as("under the version it was not signed with").isFalse();
        assertThat(verifier.verifies(after.withSignature(after.signature(), "00000000-0000-0000-0000-00000000dead")))
                .as("under a version the key does not have").isFalse();
    }

    private InvoiceVerifier verifier() {
        return InvoiceVerifier.ofSecret(stack.clients().secretsManager(), stack.ref("InvoiceSigningKey"));
    }

    @Test
    void anOrderInACurrencyWithoutATaxRateFailsAndUsesNoNumber() {
        String noRate = send(OrderConfirmedMessages.forNewOrder("5.00", "SEK"));
        String fine = send(OrderConfirmedMessages.forNewOrder("5.00", "EUR"));

        Set<String> failed = mapping(10).pollOnce();

        assertThat(failed).containsExactly(noRate);
        assertThat(invoice(OrderConfirmedMessages.orderId(messageBody(fine))).orElseThrow().number().sequence())
                .as("the failed order used no number").isEqualTo(1);
    }

    @Test
    void getInvoiceReturnsItReadingOnlyWhatItShowsAndRefusesBadIds() {
        String message = OrderConfirmedMessages.forNewOrder("47.30", "EUR");
        send(message);
        mapping(1).drain(3);
        Invoice invoice = invoice(OrderConfirmedMessages.orderId(message)).orElseThrow();
        GetInvoiceHandler getInvoice = new GetInvoiceHandler(stack.functionEnvironment("GetInvoiceFunction"));

        APIGatewayProxyResponseEvent found = LambdaCall.api(getInvoice, get(invoice.id().toString()), "GetInvoice");
        APIGatewayProxyResponseEvent missing = LambdaCall.api(getInvoice, get(InvoiceId.forOrder("none").toString()), "GetInvoice");
        APIGatewayProxyResponseEvent malformed = LambdaCall.api(getInvoice, get("sequence#2026"), "GetInvoice");

        assertThat(found.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.parse(found.getBody());
        assertThat(body.get("invoiceNumber").asText()).isEqualTo(invoice.number().toString());
        assertThat(body.at("/gross/amount").asText()).isEqualTo("56.76");
        assertThat(body.has("correlationId")).as("provenance is not read").isFalse();
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(malformed.getStatusCode()).as("a sequence key is no invoice id").isEqualTo(400);
    }

    @Test
    void theSampleBatchIssuesItsInvoice() {
        var response = LambdaCall.queue(issueInvoice, SampleEvents.queueBatch("invoice-service/issue-invoice.json"), "IssueInvoice");

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(invoice("4f6b1a2c-8d3e-5f70-9a1b-2c3d4e5f6a7b")).isPresent();
    }

    // ----------------------------------------------------------------

    private EventSourceMapping mapping(int batchSize) {
        return new EventSourceMapping(sqs, stack.ref("InvoiceQueue"), stack.attribute("InvoiceQueue", "Arn"), issueInvoice,
                batchSize);
    }

    private final Map<String, String> sentBodies = new java.util.HashMap<>();

    /** Sends a message to the invoice queue, as the rule would, and returns its message id. */
    private String send(String body) {
        String id = sqs.sendMessage(builder -> builder.queueUrl(stack.ref("InvoiceQueue")).messageBody(body)).messageId();
        sentBodies.put(id, body);
        return id;
    }

    private String messageBody(String messageId) {
        return sentBodies.get(messageId);
    }

    private List<String> inDeadLetterQueue() {
        return sqs.receiveMessage(builder -> builder.queueUrl(stack.ref("InvoiceDeadLetterQueue"))
                        .maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(0))
                .messages().stream().map(software.amazon.awssdk.services.sqs.model.Message::messageId).toList();
    }

    private List<JsonNode> awaitInvoiceIssued(int count) {
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(15));
        List<JsonNode> issued = bus.ofType("InvoiceIssued");
        while (issued.size() < count && java.time.Instant.now().isBefore(deadline)) {
            issued = bus.ofType("InvoiceIssued");
        }
        return issued;
    }

    private java.util.Optional<Invoice> invoice(String orderId) {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            var item = dynamoDb.getItem(builder -> builder.tableName(stack.ref("InvoicesTable"))
                    .key(Map.of("id", AttributeValue.fromS(InvoiceId.forOrder(orderId).toString())))).item();
            return item == null || item.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(InvoiceItems.INVOICE.mapToItem(item));
        }
    }

    private List<Invoice> allInvoices() {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            return dynamoDb.scanPaginator(ScanRequest.builder().tableName(stack.ref("InvoicesTable")).build()).items().stream()
                    .filter(item -> !item.get("id").s().startsWith("sequence#"))
                    .map(InvoiceItems.INVOICE::mapToItem)
                    .toList();
        }
    }

    private int invoiceCount() {
        return allInvoices().size();
    }

    private static APIGatewayProxyRequestEvent get(String invoiceId) {
        APIGatewayProxyRequestEvent event = SampleEvents.apiRequest("invoice-service/get-invoice.json");
        event.setPathParameters(Map.of("invoiceId", invoiceId));
        event.getRequestContext().setPath("/dev/invoices/" + invoiceId);
        return event;
    }
}
