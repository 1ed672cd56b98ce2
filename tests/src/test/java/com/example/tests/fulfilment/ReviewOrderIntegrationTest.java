package com.example.tests.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.orders.api.PlaceOrderHandler;
import com.example.orders.api.ReviewOrderHandler;
import com.example.platform.json.Json;
import com.example.tests.lambda.LambdaCall;
import com.example.tests.lambda.SampleEvents;
import com.example.tests.local.AwsBackend;
import com.example.tests.local.LocalImplementations;
import com.example.tests.template.TestStack;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every answer the review API refuses, with the real handler on moto (DynamoDB for the order, Step
 * Functions for the callback). The order's review state is set directly in the table; the workflow
 * test covers answers that reach a waiting workflow.
 */
class ReviewOrderIntegrationTest {

    private static final AwsBackend MOTO = LocalImplementations.moto();

    private TestStack stack;
    private ReviewOrderHandler reviewOrder;

    @BeforeEach
    void deploy() {
        stack = TestStack.deploy(MOTO, "OrdersTable", "AcceptedCurrenciesParameter");
        reviewOrder = new ReviewOrderHandler(stack.functionEnvironment("ReviewOrderFunction"));
    }

    @Test
    void anUnknownOrderIs404() {
        APIGatewayProxyResponseEvent response = review(UUID.randomUUID().toString(), "{\"decision\":\"APPROVE\",\"reason\":\"ok\"}");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(problemType(response)).isEqualTo("/problems/order-not-found");
    }

    @Test
    void anOrderThatIsNotUnderReviewIs409NamingItsStatus() {
        String orderId = placeOrder();

        APIGatewayProxyResponseEvent response = review(orderId, "{\"decision\":\"APPROVE\",\"reason\":\"ok\"}");

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(problemType(response)).isEqualTo("/problems/order-not-under-review");
        assertThat(Json.parse(response.getBody()).get("detail").asText()).contains("PLACED");
        assertThat(item(orderId)).doesNotContainKey("reviewDecision");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON           | {"decision":                             | /
            no reason          | {"decision":"APPROVE"}                   | /reason
            unknown decision   | {"decision":"LATER","reason":"busy"}     | /decision
            """)
    void aBadBodyIs400AndRecordsNothing(String rule, String body, String location) {
        String orderId = placeOrder();
        openReview(orderId, "token-1");

        APIGatewayProxyResponseEvent response = review(orderId, body);

        assertThat(response.getStatusCode()).as(rule).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("errors").findValuesAsText("location")).contains(location);
        assertThat(item(orderId)).doesNotContainKey("reviewDecision");
    }

    @Test
    void anAnswerBeforeTheTokenIsRecordedIsAskedToRetry() {
        String orderId = placeOrder();
        setAttributes(orderId, Map.of("status", AttributeValue.fromS("UNDER_REVIEW")));

        APIGatewayProxyResponseEvent response = review(orderId, "{\"decision\":\"APPROVE\",\"reason\":\"ok\"}");

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(problemType(response)).isEqualTo("/problems/review-not-open");
        assertThat(response.getHeaders()).containsEntry("Retry-After", "2");
    }

    @Test
    void thePlacerOfAnOrderCannotReviewItAndRecordsNothing() {
        String orderId = placeOrder();
        openReview(orderId, "token-1");
        APIGatewayProxyRequestEvent request = reviewRequest(orderId, "{\"decision\":\"APPROVE\",\"reason\":\"my own order\"}");
        String placer = SampleEvents.apiRequest("orders-service/place-order.json").getRequestContext().getIdentity().getUserArn();
        request.getRequestContext().getIdentity().setUserArn(placer);

        APIGatewayProxyResponseEvent response = LambdaCall.api(reviewOrder, request, "ReviewOrder");

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(problemType(response)).isEqualTo("/problems/reviewer-placed-the-order");
        assertThat(item(orderId)).containsEntry("placedBy", AttributeValue.fromS(placer))
                .doesNotContainKeys("reviewDecision", "reviewer", "reviewedAt");
        assertThat(review(orderId, "{\"decision\":\"APPROVE\",\"reason\":\"checked\"}").getStatusCode())
                .as("another reviewer still can").isEqualTo(410);
    }

    @Test
    void aSecondAnswerIsRefused() {
        String orderId = placeOrder();
        openReview(orderId, "token-1");
        setAttributes(orderId, Map.of("reviewDecision", AttributeValue.fromS("APPROVE"),
                "reviewer", AttributeValue.fromS("arn:aws:iam::123456789012:user/first")));

        APIGatewayProxyResponseEvent response = review(orderId, "{\"decision\":\"REJECT\",\"reason\":\"changed my mind\"}");

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(problemType(response)).isEqualTo("/problems/review-already-answered");
        assertThat(item(orderId).get("reviewDecision").s()).isEqualTo("APPROVE");
    }

    @Test
    void aStaleTokenIsAClear410AndTheAnswerIsTakenBack() {
        String orderId = placeOrder();
        openReview(orderId, "a-token-no-workflow-waits-on");

        APIGatewayProxyResponseEvent response = review(orderId, "{\"decision\":\"APPROVE\",\"reason\":\"ok\"}");

        assertThat(response.getStatusCode()).isEqualTo(410);
        assertThat(problemType(response)).isEqualTo("/problems/review-expired");
        assertThat(item(orderId)).doesNotContainKeys("reviewDecision", "reviewer", "reviewedAt");
    }

    // ----------------------------------------------------------------

    private String placeOrder() {
        PlaceOrderHandler placeOrder = new PlaceOrderHandler(stack.functionEnvironment("PlaceOrderFunction"));
        APIGatewayProxyRequestEvent request = SampleEvents.apiRequest("orders-service/place-order.json");
        request.getHeaders().put("Idempotency-Key", UUID.randomUUID().toString());
        APIGatewayProxyResponseEvent placed = LambdaCall.api(placeOrder, request, "PlaceOrder");
        return Json.parse(placed.getBody()).get("orderId").asText();
    }

    /** The state the workflow and the recorder leave an order in when its review opens. */
    private void openReview(String orderId, String taskToken) {
        setAttributes(orderId, Map.of("status", AttributeValue.fromS("UNDER_REVIEW"),
                "reviewTaskToken", AttributeValue.fromS(taskToken)));
    }

    private APIGatewayProxyResponseEvent review(String orderId, String body) {
        return LambdaCall.api(reviewOrder, reviewRequest(orderId, body), "ReviewOrder");
    }

    /** The sample review request (signed by the review desk) for this order. */
    private static APIGatewayProxyRequestEvent reviewRequest(String orderId, String body) {
        APIGatewayProxyRequestEvent request = SampleEvents.apiRequest("orders-service/review-order.json");
        request.setPathParameters(Map.of("orderId", orderId));
        request.getRequestContext().setPath("/dev/orders/" + orderId + "/review");
        request.setBody(body);
        return request;
    }

    private static String problemType(APIGatewayProxyResponseEvent response) {
        JsonNode problem = Json.parse(response.getBody());
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        return problem.get("type").asText();
    }

    private Map<String, AttributeValue> item(String orderId) {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            return dynamoDb.getItem(builder -> builder.tableName(stack.ref("OrdersTable"))
                    .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        }
    }

    private void setAttributes(String orderId, Map<String, AttributeValue> values) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> placeholders = new HashMap<>();
        StringBuilder update = new StringBuilder("SET ");
        values.forEach((name, value) -> {
            update.append(names.isEmpty() ? "" : ", ").append("#").append(name).append(" = :").append(name);
            names.put("#" + name, name);
            placeholders.put(":" + name, value);
        });
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            dynamoDb.updateItem(builder -> builder.tableName(stack.ref("OrdersTable"))
                    .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                    .updateExpression(update.toString())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(placeholders));
        }
    }
}
