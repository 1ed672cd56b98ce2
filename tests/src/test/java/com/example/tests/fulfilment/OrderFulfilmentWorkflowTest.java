package com.example.tests.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.local.pipes.StreamRecords;
import com.example.orders.api.PlaceOrderHandler;
import com.example.orders.api.ReviewOrderHandler;
import com.example.platform.json.Json;
import com.example.tests.contracts.EventContracts;
import com.example.tests.eventbridge.BusEvents;
import com.example.tests.eventbridge.RulePatterns;
import com.example.tests.lambda.LambdaCall;
import com.example.tests.lambda.SampleEvents;
import com.example.tests.local.AwsBackend;
import com.example.tests.local.LocalImplementations;
import com.example.tests.pipes.OutboxPipe;
import com.example.tests.stepfunctions.Executions;
import com.example.tests.template.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Every path of the fulfilment workflow, executed by moto's Step Functions engine from
 * statemachine/order-fulfilment.asl.yaml with the template's substitutions. The order is placed by
 * the real PlaceOrder handler, OrderPlaced is what the outbox pipe makes of the table's stream, the
 * risk check is the real RiskCheck handler (moto hands the invocation to this JVM), the status
 * writes and events are the definition's own DynamoDB and EventBridge integrations, and every event
 * that reached the bus is read back from a queue.
 *
 * <p>Two parts are played by the test, because moto cannot run them: the EventBridge rule that
 * delivers OrderPlaced to the starter (moto routes rules to queues, not to state machines; the
 * rule's pattern is evaluated here with Event Ruler instead), and the starter's startExecution
 * integration (moto fails on it), which the test performs with the same execution name, the
 * order id. The review recorder runs on moto; only its delivery by the rule is played.
 */
class OrderFulfilmentWorkflowTest {

    private static final AwsBackend MOTO = LocalImplementations.moto();
    private static final Duration WORKFLOW_TIMEOUT = Duration.ofSeconds(60);

    private TestStack stack;
    private BusEvents bus;
    private Executions executions;
    private PlaceOrderHandler placeOrder;
    private ReviewOrderHandler reviewOrder;

    private void deploy(Map<String, String> parameters) {
        stack = TestStack.deploy(MOTO, parameters, "OrdersTable", "AcceptedCurrenciesParameter", "RiskThresholdsParameter",
                "EventBus", "RiskCheckFunction", "OrderFulfilmentStateMachine", "ReviewRequestRecorder");
        bus = stack.captureBusEvents();
        executions = new Executions(stack.clients().stepFunctions());
        placeOrder = new PlaceOrderHandler(stack.functionEnvironment("PlaceOrderFunction"));
        reviewOrder = new ReviewOrderHandler(stack.functionEnvironment("ReviewOrderFunction"));
    }

    @Test
    void anOrderWithinEveryLimitIsConfirmedAndAnnounced() {
        deploy(Map.of());
        JsonNode orderPlaced = placeAndPublish("49.90", 2);

        DescribeExecutionResponse execution = executions.awaitEnd(startFulfilment(orderPlaced), WORKFLOW_TIMEOUT);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String orderId = orderId(orderPlaced);
        assertThat(status(orderId)).isEqualTo("CONFIRMED");
        JsonNode confirmed = bus.await("OrderConfirmed", forOrder(orderId), WORKFLOW_TIMEOUT);
        assertMeetsContract("order-confirmed.v1.schema.json", confirmed);
        assertThat(confirmed.path("source").asText()).isEqualTo("com.example.orders.fulfilment");
        assertThat(confirmed.at("/detail/data/approvedBy").asText()).isEqualTo("RISK_CHECK");
        assertThat(confirmed.at("/detail/data/total/amount").asText()).isEqualTo("99.80");
        assertThat(confirmed.at("/detail/metadata/correlationId").asText()).isEqualTo("web-session-5521");
        assertThat(confirmed.at("/detail/metadata/causationId").asText())
                .isEqualTo(orderPlaced.at("/metadata/eventId").asText());
        assertThat(bus.ofType("OrderRejected")).isEmpty();
    }

    @Test
    void aReviewedOrderThatIsApprovedIsConfirmed() {
        deploy(Map.of());
        UnderReview review = highValueOrderUnderReview();
        String execution = review.execution();
        String orderId = review.orderId();
        APIGatewayProxyResponseEvent answer = review(orderId, "APPROVE", "customer verified by phone");

        assertThat(answer.getStatusCode()).isEqualTo(202);
        assertThat(executions.awaitEnd(execution, WORKFLOW_TIMEOUT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(status(orderId)).isEqualTo("CONFIRMED");
        JsonNode confirmed = bus.await("OrderConfirmed", forOrder(orderId), WORKFLOW_TIMEOUT);
        assertMeetsContract("order-confirmed.v1.schema.json", confirmed);
        assertThat(confirmed.at("/detail/data/approvedBy").asText()).isEqualTo("REVIEW");
        assertThat(confirmed.at("/detail/data/reasons/0").asText()).isEqualTo("customer verified by phone");
    }

    @Test
    void aReviewedOrderThatIsRejectedIsRejectedWithTheReviewersReason() {
        deploy(Map.of());
        UnderReview review = highValueOrderUnderReview();
        String execution = review.execution();
        String orderId = review.orderId();
        assertThat(review(orderId, "REJECT", "address on a sanctions list").getStatusCode()).isEqualTo(202);

        assertThat(executions.awaitEnd(execution, WORKFLOW_TIMEOUT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(status(orderId)).isEqualTo("REJECTED");
        JsonNode rejected = bus.await("OrderRejected", forOrder(orderId), WORKFLOW_TIMEOUT);
        assertMeetsContract("order-rejected.v1.schema.json", rejected);
        assertThat(rejected.at("/detail/data/rejectedBy").asText()).isEqualTo("REVIEW");
        assertThat(rejected.at("/detail/data/reasons/0").asText()).isEqualTo("address on a sanctions list");
        assertThat(bus.ofType("OrderConfirmed")).isEmpty();
    }

    /**
     * The task token is in the review request and the execution history: whoever holds it and may call
     * SendTaskSuccess answers the wait, but without a review ReviewOrder recorded the order is rejected.
     */
    @Test
    void anApprovalWithTheTaskTokenAloneRejectsTheOrder() {
        deploy(Map.of());
        UnderReview review = highValueOrderUnderReview();
        String execution = review.execution();
        String orderId = review.orderId();

        answerWithTheTokenAlone(orderId, "APPROVE");

        assertUnrecordedApprovalRejected(execution, orderId);
        assertThat(item(orderId)).as("the token is gone with the wait").doesNotContainKey("reviewTaskToken");
    }

    /** The workflow checks the placer too: an approval recorded for the order's placer confirms nothing. */
    @Test
    void anApprovalRecordedForThePlacerOfTheOrderRejectsIt() {
        deploy(Map.of());
        UnderReview review = highValueOrderUnderReview();
        String execution = review.execution();
        String orderId = review.orderId();
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            dynamoDb.updateItem(builder -> builder.tableName(stack.ref("OrdersTable"))
                    .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                    .updateExpression("SET reviewDecision = :approve, reviewer = placedBy")
                    .expressionAttributeValues(Map.of(":approve", AttributeValue.fromS("APPROVE"))));
        }

        answerWithTheTokenAlone(orderId, "APPROVE");

        assertUnrecordedApprovalRejected(execution, orderId);
    }

    private void answerWithTheTokenAlone(String orderId, String decision) {
        String token = item(orderId).get("reviewTaskToken").s();
        try (SfnClient stepFunctions = stack.clients().stepFunctions()) {
            stepFunctions.sendTaskSuccess(builder -> builder.taskToken(token).output(Json.write(Map.of("decision", decision,
                    "reason", "approved without the reviewer role", "reviewer", "arn:aws:iam::000000000000:user/someone"))));
        }
    }

    private void assertUnrecordedApprovalRejected(String execution, String orderId) {
        assertThat(executions.awaitEnd(execution, WORKFLOW_TIMEOUT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(status(orderId)).isEqualTo("REJECTED");
        JsonNode rejected = bus.await("OrderRejected", forOrder(orderId), WORKFLOW_TIMEOUT);
        assertMeetsContract("order-rejected.v1.schema.json", rejected);
        assertThat(rejected.at("/detail/data/rejectedBy").asText()).isEqualTo("REVIEW_NOT_RECORDED");
        assertThat(bus.ofType("OrderConfirmed")).isEmpty();
    }

    @Test
    void aReviewNobodyAnswersInTimeRejectsTheOrder() {
        deploy(Map.of("ReviewTimeoutSeconds", "2"));
        UnderReview review = highValueOrderUnderReview();
        String execution = review.execution();
        String orderId = review.orderId();

        assertThat(executions.awaitEnd(execution, WORKFLOW_TIMEOUT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        assertThat(status(orderId)).isEqualTo("REJECTED");
        JsonNode rejected = bus.await("OrderRejected", forOrder(orderId), WORKFLOW_TIMEOUT);
        assertMeetsContract("order-rejected.v1.schema.json", rejected);
        assertThat(rejected.at("/detail/data/rejectedBy").asText()).isEqualTo("REVIEW_TIMEOUT");
        APIGatewayProxyResponseEvent late = review(orderId, "APPROVE", "too late");
        assertThat(late.getStatusCode()).isEqualTo(409);
        assertThat(Json.parse(late.getBody()).get("detail").asText()).contains("REJECTED");
    }

    @Test
    void anOrderAboveTheRejectLimitIsRejectedByTheRiskCheck() {
        deploy(Map.of());
        JsonNode orderPlaced = placeAndPublish("12500.00", 2);
        String orderId = orderId(orderPlaced);

        assertThat(executions.awaitEnd(startFulfilment(orderPlaced), WORKFLOW_TIMEOUT).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);

        assertThat(status(orderId)).isEqualTo("REJECTED");
        JsonNode rejected = bus.await("OrderRejected", forOrder(orderId), WORKFLOW_TIMEOUT);
        assertMeetsContract("order-rejected.v1.schema.json", rejected);
        assertThat(rejected.at("/detail/data/rejectedBy").asText()).isEqualTo("RISK_CHECK");
        assertThat(rejected.at("/detail/data/reasons/0").asText()).contains("25000.00 EUR is above the limit");
    }

    @Test
    void aThrottledRiskCheckIsRetriedAndTheOrderStillConfirmed() {
        deploy(Map.of());
        String riskCheck = stack.ref("RiskCheckFunction");
        MOTO.localLambda().orElseThrow().throttleNext(riskCheck, 2);
        JsonNode orderPlaced = placeAndPublish("49.90", 1);

        DescribeExecutionResponse execution = executions.awaitEnd(startFulfilment(orderPlaced), WORKFLOW_TIMEOUT);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(status(orderId(orderPlaced))).isEqualTo("CONFIRMED");
        assertThat(failedTasks(execution.executionArn())).containsExactly(
                "Lambda.TooManyRequestsException", "Lambda.TooManyRequestsException");
        assertThat(MOTO.localLambda().orElseThrow().invocations(riskCheck)).isEqualTo(1);
    }

    @Test
    void aRiskCheckThatKeepsFailingIsCaughtAndTheOrderCompensated() {
        deploy(Map.of());
        try (var ssm = stack.clients().ssm()) {
            ssm.putParameter(builder -> builder.name(stack.ref("RiskThresholdsParameter")).value("{not json")
                    .overwrite(true));
        }
        JsonNode orderPlaced = placeAndPublish("49.90", 1);
        String orderId = orderId(orderPlaced);

        DescribeExecutionResponse execution = executions.awaitEnd(startFulfilment(orderPlaced), WORKFLOW_TIMEOUT);

        assertThat(execution.status()).as("compensated, and still reported as a failed execution")
                .isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("com.example.platform.json.MalformedJsonException");
        assertThat(status(orderId)).isEqualTo("FAILED");
        String failureCause = item(orderId).get("failureCause").s();
        assertThat(failureCause).startsWith("com.example.platform.json.MalformedJsonException: the order could not be decided")
                .contains(orderId).as("no stack trace or message of the failure leaves the execution history")
                .doesNotContain("at com.example", "Unexpected character");
        JsonNode rejected = bus.await("OrderRejected", forOrder(orderId), WORKFLOW_TIMEOUT);
        assertMeetsContract("order-rejected.v1.schema.json", rejected);
        assertThat(rejected.at("/detail/data/outcome").asText()).isEqualTo("FAILED");
        assertThat(rejected.at("/detail/data/rejectedBy").asText()).isEqualTo("WORKFLOW_FAILURE");
        assertThat(rejected.at("/detail/data/reasons").toString()).as("what every consumer of the bus reads")
                .isEqualTo("[\"" + failureCause + "\"]");
        assertThat(MOTO.localLambda().orElseThrow().invocations(stack.ref("RiskCheckFunction")))
                .as("a function error is not transient: no retry").isEqualTo(1);
    }

    @Test
    void aDuplicatedOrderPlacedStartsNoSecondWorkflow() {
        deploy(Map.of());
        JsonNode orderPlaced = placeAndPublish("49.90", 1);
        String first = startFulfilment(orderPlaced);
        executions.awaitEnd(first, WORKFLOW_TIMEOUT);

        assertThatThrownBy(() -> startFulfilment(orderPlaced)).isInstanceOf(ExecutionAlreadyExistsException.class);

        assertThat(stack.clients().stepFunctions().listExecutions(builder -> builder
                .stateMachineArn(stack.ref("OrderFulfilmentStateMachine"))).executions()).hasSize(1);
        assertThat(bus.ofType("OrderConfirmed")).hasSize(1);
    }

    @Test
    void aStatusNeverGoesBackwardsEvenIfAWorkflowRunsTwice() {
        deploy(Map.of());
        JsonNode orderPlaced = placeAndPublish("49.90", 1);
        executions.awaitEnd(startFulfilment(orderPlaced), WORKFLOW_TIMEOUT);
        String orderId = orderId(orderPlaced);
        setStatus(orderId, "INVOICED");

        // A second execution under another name, as a replay that bypassed the starter would be.
        DescribeExecutionResponse replay = executions.awaitEnd(executions.start(stack.ref("OrderFulfilmentStateMachine"),
                orderId + "-replay", Json.write(orderPlaced)), WORKFLOW_TIMEOUT);

        assertThat(replay.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(enteredStates(replay.executionArn())).contains("StatusAlreadyMovedOn").doesNotContain("PublishConfirmed");
        assertThat(status(orderId)).isEqualTo("INVOICED");
        assertThat(bus.ofType("OrderConfirmed")).hasSize(1);
    }

    @Test
    void theRulesMatchTheEventsTheyAreFor() {
        deploy(Map.of());
        JsonNode orderPlaced = placeAndPublish("750.00", 2);
        startFulfilment(orderPlaced);

        JsonNode reviewRequested = bus.await("OrderReviewRequested", forOrder(orderId(orderPlaced)), WORKFLOW_TIMEOUT);

        assertMeetsContract("order-review-requested.v1.schema.json", reviewRequested);
        assertThat(RulePatterns.of("ReviewRequestRecorder", "OrderReviewRequested").matches(Json.write(reviewRequested))).isTrue();
        assertThat(RulePatterns.of("OrderFulfilmentStarter", "OrderPlaced").matches(Json.write(reviewRequested))).isFalse();
    }

    // ---------------------------------------------------------------- the steps

    /** Places an order through the real handler and returns the OrderPlaced detail the outbox pipe publishes for it. */
    private JsonNode placeAndPublish(String unitPrice, int quantity) {
        APIGatewayProxyRequestEvent request = SampleEvents.apiRequest("orders-service/place-order.json");
        request.setBody("{\"customerId\":\"customer-1842\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"BOOK-0451\","
                + "\"quantity\":" + quantity + ",\"unitPrice\":\"" + unitPrice + "\"}]}");
        request.getHeaders().put("Idempotency-Key", UUID.randomUUID().toString());
        APIGatewayProxyResponseEvent placed = LambdaCall.api(placeOrder, request, "PlaceOrder");
        assertThat(placed.getStatusCode()).as(placed.getBody()).isEqualTo(202);
        String orderId = Json.parse(placed.getBody()).get("orderId").asText();
        try (var streams = MOTO.client(DynamoDbStreamsClient.builder(), "DYNAMODB")) {
            return OutboxPipe.fromTemplate("OrderPlacedPipe")
                    .publish(new StreamRecords(streams, stack.attribute("OrdersTable", "StreamArn"), "us-east-1").all())
                    .stream().map(Json::parse)
                    .filter(detail -> detail.at("/data/orderId").asText().equals(orderId))
                    .findFirst().orElseThrow();
        }
    }

    /**
     * What the rule and the starter do with OrderPlaced: the rule's pattern (from the template) must
     * match the event the pipe puts on the bus, and the workflow starts under the order id.
     */
    private String startFulfilment(JsonNode orderPlaced) {
        assertThat(RulePatterns.of("OrderFulfilmentStarter", "OrderPlaced").matches(Json.write(onTheBus(orderPlaced))))
                .as("the starter's rule matches this OrderPlaced").isTrue();
        return executions.start(stack.ref("OrderFulfilmentStateMachine"), orderId(orderPlaced), Json.write(orderPlaced));
    }

    /** An order over the review threshold, its workflow started and waiting on a review whose token is recorded. */
    private record UnderReview(String execution, String orderId) {
    }

    private UnderReview highValueOrderUnderReview() {
        JsonNode orderPlaced = placeAndPublish("750.00", 2);
        String execution = startFulfilment(orderPlaced);
        openReview(orderId(orderPlaced));
        return new UnderReview(execution, orderId(orderPlaced));
    }

    /** Waits for OrderReviewRequested and hands it to the recorder workflow, as its rule would. */
    private void openReview(String orderId) {
        JsonNode requested = bus.await("OrderReviewRequested", forOrder(orderId), WORKFLOW_TIMEOUT);
        assertMeetsContract("order-review-requested.v1.schema.json", requested);
        assertThat(status(orderId)).isEqualTo("UNDER_REVIEW");
        DescribeExecutionResponse recorded = executions.awaitEnd(executions.start(stack.ref("ReviewRequestRecorder"),
                "record-" + orderId, Json.write(requested)), WORKFLOW_TIMEOUT);
        assertThat(recorded.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(item(orderId).get("reviewTaskToken").s()).isEqualTo(requested.at("/detail/data/taskToken").asText());
    }

    private APIGatewayProxyResponseEvent review(String orderId, String decision, String reason) {
        APIGatewayProxyRequestEvent request = SampleEvents.apiRequest("orders-service/review-order.json");
        request.setPathParameters(Map.of("orderId", orderId));
        request.getRequestContext().setPath("/dev/orders/" + orderId + "/review");
        request.setBody(Json.write(Map.of("decision", decision, "reason", reason)));
        return LambdaCall.api(reviewOrder, request, "ReviewOrder");
    }

    // ---------------------------------------------------------------- reading what happened

    private static JsonNode onTheBus(JsonNode detail) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "OrderPlaced")
                .put("source", "com.example.orders").put("account", "000000000000").put("time", "2026-11-23T10:15:30Z")
                .put("region", "us-east-1");
        event.putArray("resources");
        event.set("detail", detail);
        return event;
    }

    private static java.util.function.Predicate<JsonNode> forOrder(String orderId) {
        return event -> event.at("/detail/data/orderId").asText().equals(orderId);
    }

    private static String orderId(JsonNode orderPlaced) {
        return orderPlaced.at("/data/orderId").asText();
    }

    private static void assertMeetsContract(String contract, JsonNode event) {
        assertThat(EventContracts.violations(contract, Json.write(event.get("detail")))).as(event.toString()).isEmpty();
    }

    private List<String> failedTasks(String executionArn) {
        return executions.history(executionArn).stream()
                .map(HistoryEvent::taskFailedEventDetails)
                .filter(java.util.Objects::nonNull)
                .map(details -> details.error())
                .toList();
    }

    private List<String> enteredStates(String executionArn) {
        return executions.history(executionArn).stream()
                .map(HistoryEvent::stateEnteredEventDetails)
                .filter(java.util.Objects::nonNull)
                .map(details -> details.name())
                .toList();
    }

    private Map<String, AttributeValue> item(String orderId) {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            return dynamoDb.getItem(builder -> builder.tableName(stack.ref("OrdersTable"))
                    .key(Map.of("orderId", AttributeValue.fromS(orderId))).consistentRead(true)).item();
        }
    }

    private String status(String orderId) {
        return item(orderId).get("status").s();
    }

    private void setStatus(String orderId, String status) {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            dynamoDb.updateItem(builder -> builder.tableName(stack.ref("OrdersTable"))
                    .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                    .updateExpression("SET #status = :status")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status))));
        }
    }
}
