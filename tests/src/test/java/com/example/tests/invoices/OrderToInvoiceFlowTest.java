package com.example.tests.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.invoices.issuing.IssueInvoiceHandler;
import com.example.local.pipes.StreamRecords;
import com.example.orders.api.GetOrderHandler;
import com.example.orders.api.PlaceOrderHandler;
import com.example.orders.invoicing.MarkOrderInvoicedHandler;
import com.example.orders.invoicing.UninvoiceableOrder;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.eventbridge.BusEvents;
import com.example.tests.eventbridge.RulePatterns;
import com.example.tests.lambda.LambdaCall;
import com.example.tests.lambda.SampleEvents;
import com.example.tests.lambda.TestLambdaContext;
import com.example.tests.local.AwsBackend;
import com.example.tests.local.LocalImplementations;
import com.example.tests.pipes.OutboxPipe;
import com.example.tests.sqs.EventSourceMapping;
import com.example.tests.stepfunctions.Executions;
import com.example.tests.template.TestStack;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * From {@code POST /orders} to an INVOICED order, on moto: the real handlers, the outbox pipe's
 * output, the fulfilment workflow, the template's content-filtering rule routing OrderConfirmed to
 * the invoice queue, IssueInvoice, and InvoiceIssued back to the orders service.
 *
 * <p>Played by the test, because moto cannot: starting the workflow (as in the workflow test), the
 * SQS event source mapping (receive, invoke, delete), and the rule's asynchronous invocation of
 * MarkOrderInvoiced (moto delivers rules to queues only; the rule's pattern is evaluated with
 * Event Ruler on the event that reached the bus).
 */
class OrderToInvoiceFlowTest {

    private static final AwsBackend MOTO = LocalImplementations.moto();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TestStack stack;
    private BusEvents bus;
    private Executions executions;
    private EventSourceMapping invoiceQueue;
    private MarkOrderInvoicedHandler markOrderInvoiced;

    @BeforeEach
    void deploy() {
        stack = TestStack.deploy(MOTO, "OrdersTable", "AcceptedCurrenciesParameter", "RiskThresholdsParameter", "EventBus",
                "RiskCheckFunction", "OrderFulfilmentStateMachine", "InvoicesTable", "TaxRatesParameter",
                "InvoiceSigningKey", "InvoiceDeadLetterQueue", "InvoiceQueue", "OrderConfirmedToInvoicingRule");
        bus = stack.captureBusEvents();
        executions = new Executions(stack.clients().stepFunctions());
        invoiceQueue = new EventSourceMapping(MOTO.client(SqsClient.builder(), "SQS"), stack.ref("InvoiceQueue"),
                stack.attribute("InvoiceQueue", "Arn"), new IssueInvoiceHandler(stack.functionEnvironment("IssueInvoiceFunction")),
                10);
        markOrderInvoiced = new MarkOrderInvoicedHandler(stack.functionEnvironment("MarkOrderInvoicedFunction"));
    }

    @Test
    void aPlacedOrderEndsInvoiced() {
        String orderId = placeAndFulfil("19.90");
        bus.await("OrderConfirmed", forOrder(orderId), TIMEOUT);

        assertThat(invoiceQueue.pollOnce()).isEmpty();
        JsonNode invoiceIssued = bus.await("InvoiceIssued", forOrder(orderId), TIMEOUT);
        deliverToMarkOrderInvoiced(invoiceIssued);

        JsonNode order = getOrder(orderId);
        assertThat(order.get("status").asText()).isEqualTo("INVOICED");
        Map<String, AttributeValue> item = orderItem(orderId);
        assertThat(item.get("invoiceNumber").s()).isEqualTo(invoiceIssued.at("/detail/data/invoiceNumber").asText());
        assertThat(invoiceIssued.at("/detail/metadata/correlationId").asText()).isEqualTo("web-session-5521");
    }

    @Test
    void aReplayedInvoiceIssuedChangesNothing() {
        String orderId = placeAndFulfil("19.90");
        bus.await("OrderConfirmed", forOrder(orderId), TIMEOUT);
        invoiceQueue.pollOnce();
        JsonNode invoiceIssued = bus.await("InvoiceIssued", forOrder(orderId), TIMEOUT);
        deliverToMarkOrderInvoiced(invoiceIssued);
        Map<String, AttributeValue> before = orderItem(orderId);

        deliverToMarkOrderInvoiced(invoiceIssued);

        assertThat(orderItem(orderId)).isEqualTo(before);
    }

    @Test
    void aZeroTotalOrderIsConfirmedButNeverReachesTheInvoiceQueue() {
        String orderId = placeAndFulfil("0");

        JsonNode confirmed = bus.await("OrderConfirmed", forOrder(orderId), TIMEOUT);

        assertThat(confirmed.at("/detail/data/total/amount").asText()).isEqualTo("0.00");
        assertThat(invoiceQueue.poll().received()).as("filtered out by the rule").isZero();
        assertThat(getOrder(orderId).get("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void anInvoiceForAnOrderThatIsNotConfirmedIsRefusedForTheOnFailureDestination() {
        String orderId = placeOrder("19.90");
        JsonNode invoiceIssued = Json.parse(ProjectFiles.read("contracts/events/examples/invoice-issued.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) invoiceIssued.at("/detail/data")).put("orderId", orderId);

        assertThatThrownBy(() -> deliverToMarkOrderInvoiced(invoiceIssued))
                .isInstanceOf(UninvoiceableOrder.class).hasMessageContaining("PLACED");
        ((com.fasterxml.jackson.databind.node.ObjectNode) invoiceIssued.at("/detail/data"))
                .put("orderId", UUID.randomUUID().toString());
        assertThatThrownBy(() -> deliverToMarkOrderInvoiced(invoiceIssued))
                .isInstanceOf(UninvoiceableOrder.class).hasMessageContaining("no order");
        assertThatThrownBy(() -> deliverToMarkOrderInvoiced(Json.parse("{\"source\":\"com.example.invoices\","
                + "\"detail-type\":\"InvoiceIssued\",\"detail\":{\"data\":{}}}")))
                .isInstanceOf(UninvoiceableOrder.class).hasMessageContaining("contract");
        assertThat(orderItem(orderId).get("status").s()).isEqualTo("PLACED");
    }

    // ----------------------------------------------------------------

    private String placeOrder(String unitPrice) {
        PlaceOrderHandler placeOrder = new PlaceOrderHandler(stack.functionEnvironment("PlaceOrderFunction"));
        APIGatewayProxyRequestEvent request = SampleEvents.apiRequest("orders-service/place-order.json");
        request.setBody("{\"customerId\":\"customer-1842\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"BOOK-0451\","
                + "\"quantity\":1,\"unitPrice\":\"" + unitPrice + "\"}]}");
        request.getHeaders().put("Idempotency-Key", UUID.randomUUID().toString());
        APIGatewayProxyResponseEvent placed = LambdaCall.api(placeOrder, request, "PlaceOrder");
        assertThat(placed.getStatusCode()).as(placed.getBody()).isEqualTo(202);
        return Json.parse(placed.getBody()).get("orderId").asText();
    }

    /** Places an order, takes its OrderPlaced from the outbox pipe, and runs its fulfilment to the end. */
    private String placeAndFulfil(String unitPrice) {
        String orderId = placeOrder(unitPrice);
        JsonNode orderPlaced;
        try (var streams = MOTO.client(DynamoDbStreamsClient.builder(), "DYNAMODB")) {
            orderPlaced = OutboxPipe.fromTemplate("OrderPlacedPipe")
                    .publish(new StreamRecords(streams, stack.attribute("OrdersTable", "StreamArn"), "us-east-1").all())
                    .stream().map(Json::parse)
                    .filter(detail -> detail.at("/data/orderId").asText().equals(orderId))
                    .findFirst().orElseThrow();
        }
        String execution = executions.start(stack.ref("OrderFulfilmentStateMachine"), orderId, Json.write(orderPlaced));
        assertThat(executions.awaitEnd(execution, TIMEOUT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return orderId;
    }

    /** What the InvoiceIssued rule does: its pattern must match the event, which is then given to the function. */
    private void deliverToMarkOrderInvoiced(JsonNode event) {
        if (event.has("version")) {
            assertThat(RulePatterns.of("MarkOrderInvoicedFunction", "InvoiceIssued").matches(Json.write(event)))
                    .as("the rule matches").isTrue();
        }
        try {
            markOrderInvoiced.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), TestLambdaContext.of("MarkOrderInvoiced"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode getOrder(String orderId) {
        GetOrderHandler getOrder = new GetOrderHandler(stack.functionEnvironment("GetOrderFunction"));
        APIGatewayProxyRequestEvent request = SampleEvents.apiRequest("orders-service/get-order.json");
        request.setPathParameters(Map.of("orderId", orderId));
        return Json.parse(LambdaCall.api(getOrder, request, "GetOrder").getBody());
    }

    private Map<String, AttributeValue> orderItem(String orderId) {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            return dynamoDb.getItem(builder -> builder.tableName(stack.ref("OrdersTable"))
                    .key(Map.of("orderId", AttributeValue.fromS(orderId))).consistentRead(true)).item();
        }
    }

    private static java.util.function.Predicate<JsonNode> forOrder(String orderId) {
        return event -> event.at("/detail/data/orderId").asText().equals(orderId);
    }
}
