package com.example.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Bad input: each kind gets a clear RFC 9457 problem and stores nothing. */
class BadInputTest {

    private final Stack stack = Stack.current();
    private final Api api = Api.orders(stack);
    private String customer;

    @BeforeEach
    void newCustomer() {
        customer = Orders.newCustomer();
    }

    /** After a deploy the pipeline checks the answer only: its role calls the APIs and reads no table. */
    @Test
    @Tag("smoke")
    void malformedJsonIsA400Problem() {
        assertProblem(post("{\"customerId\":\"" + customer + "\",\"currency\":"), 400, "/problems/invalid-request");
    }

    @Test
    void malformedJsonStoresNothing() {
        post("{\"customerId\":\"" + customer + "\",\"currency\":");

        assertNothingStoredFor(customer);
    }

    @Test
    void everySchemaViolationIsA400ProblemThatSaysWhatIsWrong() {
        List<String> bodies = List.of(
                "{\"customerId\":\"" + customer + "\",\"currency\":\"EUR\"}",
                Orders.request(customer, "eur", 1, "1.00"),
                Orders.request(customer, "EUR", 0, "1.00"),
                Orders.request(customer, "EUR", 1, "1.000001"),
                "{\"customerId\":\"" + customer + "\",\"currency\":\"EUR\",\"lines\":[],\"discount\":\"100%\"}",
                Orders.request(customer + "'s shop", "EUR", 1, "1.00"));

        for (String body : bodies) {
            JsonNode problem = assertProblem(post(body), 400, "/problems/invalid-request");
            assertThat(problem.path("detail").asText()).as("why %s is invalid", body).isNotBlank();
        }
        assertNothingStoredFor(customer);
    }

    @Test
    void aBodyOverApiGatewaysTenMegabyteLimitIsA413Problem() {
        String oversized = "{\"customerId\":\"" + customer + "\",\"padding\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";

        Api.Answer answer = post(oversized);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("title").asText()).isNotBlank();
        assertNothingStoredFor(customer);
    }

    @Test
    @Tag("smoke")
    void anUnknownRouteIsA404Problem() {
        assertProblem(api.get("/no-such-resource"), 404, "/problems/no-such-route");
        assertProblem(api.send("DELETE", "/orders/" + UUID.randomUUID(), null, Map.of()), 404, "/problems/no-such-route");
    }

    @Test
    void anOrderIdThatIsNoOrderIdIsA400AndAnUnknownOneA404() {
        assertProblem(api.get("/orders/not-an-id"), 400, "/problems/invalid-request");
        assertProblem(api.get("/orders/" + UUID.randomUUID()), 404, "/problems/order-not-found");
        assertProblem(Api.invoices(stack).get("/invoices/" + UUID.randomUUID()), 404, "/problems/invoice-not-found");
    }

    private Api.Answer post(String body) {
        return api.post("/orders", body, Map.of("Idempotency-Key", "e2e-bad-" + UUID.randomUUID()));
    }

    private static JsonNode assertProblem(Api.Answer answer, int status, String type) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("type").asText()).isEqualTo(type);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    private void assertNothingStoredFor(String customerId) {
        List<String> stored = new ArrayList<>();
        try (DynamoDbClient dynamoDb = stack.dynamoDb()) {
            dynamoDb.scanPaginator(builder -> builder.tableName(stack.output("OrdersTableName"))
                            .filterExpression("begins_with(customerId, :customer)")
                            .expressionAttributeValues(Map.of(":customer", AttributeValue.fromS(customerId))))
                    .items().forEach(item -> stored.add(item.get("orderId").s()));
        }
        assertThat(stored).as("orders stored for %s", customerId).isEmpty();
    }
}
