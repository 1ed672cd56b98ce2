package com.example.tests.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.local.pipes.StreamRecords;
import com.example.orders.api.GetOrderHandler;
import com.example.orders.api.PlaceOrderHandler;
import com.example.platform.json.Json;
import com.example.tests.contracts.EventContracts;
import com.example.tests.lambda.LambdaCall;
import com.example.tests.lambda.SampleEvents;
import com.example.tests.local.AwsBackend;
import com.example.tests.pipes.OutboxPipe;
import com.example.tests.template.TestStack;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The real PlaceOrder and GetOrder handlers, wired from template.yaml, against a backend on
 * loopback: placement, idempotency under replay and concurrency, validation, lookups, and the
 * outbox pipe's filter and input template applied to what the table's stream really emitted.
 * Subclasses choose the backend.
 */
abstract class OrdersApiIntegrationTest {

    private static final String BODY = """
            {"customerId":"customer-1842","currency":"EUR","lines":[
              {"sku":"BOOK-0451","quantity":2,"unitPrice":"19.90"},{"sku":"PEN-0007","quantity":3,"unitPrice":"2.50"}]}""";

    private TestStack stack;
    private PlaceOrderHandler placeOrder;
    private GetOrderHandler getOrder;

    protected abstract AwsBackend backend();

    @BeforeEach
    void deployStack() {
        stack = TestStack.deploy(backend(), "OrdersTable", "AcceptedCurrenciesParameter");
        placeOrder = new PlaceOrderHandler(stack.functionEnvironment("PlaceOrderFunction"));
        getOrder = new GetOrderHandler(stack.functionEnvironment("GetOrderFunction"));
    }

    @Test
    void aPlacedOrderIsAcceptedAndCanBeReadBackWithItsStatus() {
        APIGatewayProxyResponseEvent placed = place(request(BODY, "key-1"));

        assertThat(placed.getStatusCode()).isEqualTo(202);
        String orderId = Json.parse(placed.getBody()).get("orderId").asText();
        assertThat(placed.getHeaders().get("Location")).isEqualTo("/dev/orders/" + orderId);

        APIGatewayProxyResponseEvent read = get(orderId);
        assertThat(read.getStatusCode()).isEqualTo(200);
        JsonNode order = Json.parse(read.getBody());
        assertThat(order.get("status").asText()).isEqualTo("PLACED");
        assertThat(order.get("total").get("amount").asText()).isEqualTo("47.30");
        assertThat(order.get("total").get("currency").asText()).isEqualTo("EUR");
        assertThat(order.get("itemCount").asInt()).isEqualTo(5);
        assertThat(order.get("lines")).hasSize(2);
    }

    @Test
    void theStoredOrderCarriesTheCallersCorrelationIdAndTheRequestAsItsCause() {
        APIGatewayProxyRequestEvent request = request(BODY, "key-1");
        request.getHeaders().put("X-Correlation-Id", "checkout-run-77");

        APIGatewayProxyResponseEvent placed = place(request);

        assertThat(placed.getHeaders()).containsEntry("X-Correlation-Id", "checkout-run-77");
        Map<String, AttributeValue> item = storedItem(Json.parse(placed.getBody()).get("orderId").asText());
        assertThat(item.get("correlationId").s()).isEqualTo("checkout-run-77");
        assertThat(item.get("causationId").s()).isEqualTo(request.getRequestContext().getRequestId());
    }

    @Test
    void aReplayedRequestGetsTheSameAnswerAndStoresOneOrder() {
        APIGatewayProxyResponseEvent first = place(request(BODY, "key-1"));
        APIGatewayProxyResponseEvent replay = place(request(BODY, "key-1"));

        assertThat(replay.getStatusCode()).isEqualTo(202);
        assertThat(replay.getBody()).isEqualTo(first.getBody());
        assertThat(replay.getHeaders().get("Location")).isEqualTo(first.getHeaders().get("Location"));
        assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(storedOrders()).isEqualTo(1);
    }

    @Test
    void aDifferentRequestUnderAUsedKeyIs422AndTheOrderIsUnchanged() {
        APIGatewayProxyResponseEvent first = place(request(BODY, "key-1"));
        String orderId = Json.parse(first.getBody()).get("orderId").asText();
        String before = get(orderId).getBody();

        APIGatewayProxyResponseEvent conflict = place(request(BODY.replace("\"quantity\":2", "\"quantity\":9"), "key-1"));

        assertThat(conflict.getStatusCode()).isEqualTo(422);
        assertThat(Json.parse(conflict.getBody()).get("type").asText()).isEqualTo("/problems/idempotency-key-reused");
        assertThat(get(orderId).getBody()).isEqualTo(before);
        assertThat(storedOrders()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON               | {"customerId":                                                                            | key-1     | /
            empty body             | ``                                                                                        | key-1     | /
            missing customer       | {"currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1.00"}]}                  | key-1     | /customerId
            unknown member         | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}],"x":1} | key-1  | /x
            no lines               | {"customerId":"c","currency":"EUR","lines":[]}                                            | key-1     | /lines
            zero quantity          | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":0,"unitPrice":"1.00"}]} | key-1     | /lines/0/quantity
            price as a float       | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1.1}]}    | key-1     | /lines/0/unitPrice
            negative price         | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"-1"}]}   | key-1     | /lines/0/unitPrice
            not an ISO currency    | {"customerId":"c","currency":"EUX","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}    | key-1     | /currency
            currency not accepted  | {"customerId":"c","currency":"SEK","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}    | key-1     | /currency
            cents on yen           | {"customerId":"c","currency":"JPY","lines":[{"sku":"A","quantity":1,"unitPrice":"10.5"}]} | key-1     | /lines/0/unitPrice
            one SKU twice          | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"},{"sku":"A","quantity":1,"unitPrice":"1"}]} | key-1 | /lines/1/sku
            bad idempotency key    | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}    | has space | header:Idempotency-Key
            """)
    void everyInvalidRequestIsA400NamingTheProblemAndStoresNothing(String rule, String body, String key, String location) {
        APIGatewayProxyResponseEvent response = place(request(body, key));

        assertThat(response.getStatusCode()).as(rule).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = Json.parse(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("/problems/invalid-request");
        assertThat(problem.get("errors").findValuesAsText("location")).as(rule).contains(location);
        assertThat(storedOrders()).isZero();
    }

    @Test
    void twentyConcurrentPlacementsWithOneKeyStoreExactlyOneOrder() throws Exception {
        int callers = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<APIGatewayProxyResponseEvent>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            // One handler per caller, as Lambda runs concurrent requests in separate environments.
            PlaceOrderHandler environment = new PlaceOrderHandler(stack.functionEnvironment("PlaceOrderFunction"));
            calls.add(() -> {
                start.await();
                return LambdaCall.api(environment, request(BODY, "same-key"), "PlaceOrder");
            });
        }
        List<APIGatewayProxyResponseEvent> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<APIGatewayProxyResponseEvent>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<APIGatewayProxyResponseEvent> future : futures) {
                responses.add(future.get());
            }
        }

        assertThat(responses).extracting(APIGatewayProxyResponseEvent::getStatusCode).containsOnly(202);
        assertThat(responses).extracting(APIGatewayProxyResponseEvent::getBody).containsOnly(responses.getFirst().getBody());
        assertThat(responses).filteredOn(response -> response.getHeaders().get("Idempotent-Replayed").equals("false"))
                .hasSize(1);
        assertThat(storedOrders()).isEqualTo(1);
    }

    @Test
    void anOrderThatDoesNotExistIs404() {
        APIGatewayProxyResponseEvent response = get("0f8e4b7a-5c1d-5e2f-9a3b-7c6d5e4f3a2b");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(Json.parse(response.getBody()).get("type").asText()).isEqualTo("/problems/order-not-found");
    }

    @Test
    void theAcceptedCurrenciesAreReadFromParameterStore() {
        String parameter = stack.ref("AcceptedCurrenciesParameter");
        try (var ssm = stack.clients().ssm()) {
            ssm.putParameter(builder -> builder.name(parameter).value("GBP").overwrite(true));
        }
        PlaceOrderHandler freshEnvironment = new PlaceOrderHandler(stack.functionEnvironment("PlaceOrderFunction"));

        APIGatewayProxyResponseEvent response = LambdaCall.api(freshEnvironment, request(BODY, "key-1"), "PlaceOrder");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("orders are not accepted in EUR; accepted: GBP");
    }

    @Test
    void theOutboxPipeTurnsTheNewOrderIntoAnOrderPlacedThatMeetsItsContract() {
        APIGatewayProxyRequestEvent request = request(BODY, "key-1");
        String orderId = Json.parse(place(request).getBody()).get("orderId").asText();
        List<String> published = publishedByPipe();

        assertThat(published).hasSize(1);
        String detail = published.getFirst();
        assertThat(EventContracts.violations("order-placed.v1.schema.json", detail)).isEmpty();
        JsonNode event = Json.parse(detail);
        assertThat(event.at("/data/orderId").asText()).isEqualTo(orderId);
        assertThat(event.at("/data/total/amount").asText()).isEqualTo("47.30");
        assertThat(event.at("/data/total/currency").asText()).isEqualTo("EUR");
        assertThat(event.at("/data/itemCount").asText()).isEqualTo("5");
        assertThat(event.at("/metadata/correlationId").asText()).isEqualTo("web-session-5521");
        assertThat(event.at("/metadata/causationId").asText()).isEqualTo(request.getRequestContext().getRequestId());
    }

    @Test
    void theOutboxPipePublishesNothingForChangesToExistingOrders() {
        String orderId = Json.parse(place(request(BODY, "key-1")).getBody()).get("orderId").asText();
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            dynamoDb.updateItem(builder -> builder.tableName(stack.ref("OrdersTable"))
                    .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                    .updateExpression("SET #status = :confirmed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":confirmed", AttributeValue.fromS("CONFIRMED"))));
            dynamoDb.deleteItem(builder -> builder.tableName(stack.ref("OrdersTable"))
                    .key(Map.of("orderId", AttributeValue.fromS(orderId))));
        }

        List<String> published = publishedByPipe();

        assertThat(published).as("only the INSERT of the new order").hasSize(1);
    }

    /** What the outbox pipe would put on the bus, from what the table's stream emitted so far. */
    private List<String> publishedByPipe() {
        try (var streams = backend().client(DynamoDbStreamsClient.builder(), "DYNAMODB")) {
            return OutboxPipe.fromTemplate("OrderPlacedPipe").publish(new StreamRecords(streams,
                    stack.attribute("OrdersTable", "StreamArn"), backend().environment().get("AWS_REGION")).all());
        }
    }

    private APIGatewayProxyRequestEvent request(String body, String idempotencyKey) {
        APIGatewayProxyRequestEvent event = SampleEvents.apiRequest("orders-service/place-order.json");
        event.setBody(body);
        event.getHeaders().put("Idempotency-Key", idempotencyKey);
        return event;
    }

    private APIGatewayProxyResponseEvent place(APIGatewayProxyRequestEvent request) {
        return LambdaCall.api(placeOrder, request, "PlaceOrder");
    }

    private APIGatewayProxyResponseEvent get(String orderId) {
        APIGatewayProxyRequestEvent event = SampleEvents.apiRequest("orders-service/get-order.json");
        event.setPathParameters(Map.of("orderId", orderId));
        event.getRequestContext().setPath("/dev/orders/" + orderId);
        return LambdaCall.api(getOrder, event, "GetOrder");
    }

    private int storedOrders() {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            return dynamoDb.scan(builder -> builder.tableName(stack.ref("OrdersTable")).select(Select.COUNT)).count();
        }
    }

    private Map<String, AttributeValue> storedItem(String orderId) {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            return dynamoDb.getItem(builder -> builder.tableName(stack.ref("OrdersTable"))
                    .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        }
    }
}
