package com.example.orders.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.orders.placement.AcceptedCurrencies;
import com.example.orders.placement.OrderPlacement;
import com.example.orders.placement.OrderRequestReader;
import com.example.orders.store.InMemoryOrderRepository;
import com.example.platform.http.ApiRequest;
import com.example.platform.json.Json;
import com.example.platform.observability.CorrelationId;
import com.fasterxml.jackson.databind.JsonNode;

class PlaceOrderEndpointTest {

    private static final String BODY = """
            {"customerId":"c-1","currency":"EUR","lines":[{"sku":"A-1","quantity":2,"unitPrice":"19.90"}]}
            """;

    private final InMemoryOrderRepository repository = new InMemoryOrderRepository();
    private final PlaceOrderEndpoint endpoint = new PlaceOrderEndpoint(
            new OrderRequestReader(AcceptedCurrencies.of("EUR")),
            new OrderPlacement(repository, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC)));
    private final CorrelationId correlationId = new CorrelationId("corr-1");

    private static ApiRequest post(String body, Map<String, String> headers) {
        return new ApiRequest(new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withPath("/orders")
                .withHeaders(new HashMap<>(headers))
                .withBody(body)
                .withRequestContext(new ProxyRequestContext()
                        .withPath("/dev/orders")
                        .withRequestId("req-1")
                        .withIdentity(new RequestIdentity().withUserArn("arn:aws:iam::123456789012:user/alice"))));
    }

    @Test
    void anAcceptedOrderAnswers202WithItsIdAndLocation() {
        APIGatewayProxyResponseEvent response = endpoint.handle(post(BODY, Map.of()), correlationId);

        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode receipt = Json.parse(response.getBody());
        String orderId = receipt.get("orderId").asText();
        assertThat(response.getHeaders()).containsEntry("Location", "/dev/orders/" + orderId)
                .containsEntry("Idempotent-Replayed", "false");
        assertThat(receipt.get("status").asText()).isEqualTo("PLACED");
        assertThat(receipt.get("links").get("self").asText()).isEqualTo("/dev/orders/" + orderId);
        assertThat(repository.size()).isEqualTo(1);
    }

    @Test
    void aReplayGetsTheIdenticalAnswerFlaggedAsReplayed() {
        Map<String, String> headers = Map.of("Idempotency-Key", "order-2026-0001");
        APIGatewayProxyResponseEvent first = endpoint.handle(post(BODY, headers), correlationId);
        // The same order written differently (member order, trailing zero) is the same request.
        APIGatewayProxyResponseEvent second = endpoint.handle(post("""
                {"lines":[{"unitPrice":"19.9","quantity":2,"sku":"A-1"}],"currency":"EUR","customerId":"c-1"}
                """, headers), correlationId);

        assertThat(second.getStatusCode()).isEqualTo(202);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(second.getHeaders()).containsEntry("Location", first.getHeaders().get("Location"))
                .containsEntry("Idempotent-Replayed", "true");
        assertThat(repository.size()).isEqualTo(1);
    }

    @Test
    void aDifferentBodyUnderAUsedKeyIs422AndStoresNothing() {
        Map<String, String> headers = Map.of("Idempotency-Key", "order-2026-0001");
        endpoint.handle(post(BODY, headers), correlationId);

        APIGatewayProxyResponseEvent response = endpoint.handle(post(BODY.replace("\"quantity\":2", "\"quantity\":3"),
                headers), correlationId);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(Json.parse(response.getBody()).get("type").asText()).isEqualTo("/problems/idempotency-key-reused");
        assertThat(repository.size()).isEqualTo(1);
    }

    @Test
    void aBadKeyAndABadBodyAreReportedInOneProblem() {
        APIGatewayProxyResponseEvent response = endpoint.handle(
                post("{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[]}", Map.of("Idempotency-Key", "has space")),
                correlationId);

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode problem = Json.parse(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("/problems/invalid-request");
        assertThat(problem.get("instance").asText()).isEqualTo("/dev/orders");
        assertThat(problem.get("correlationId").asText()).isEqualTo("corr-1");
        assertThat(problem.get("errors").findValuesAsText("location")).containsExactly("header:Idempotency-Key", "/lines");
        assertThat(repository.size()).isZero();
    }

    @Test
    void aBodyThatIsNotJsonIsA400NamingTheReason() {
        APIGatewayProxyResponseEvent response = endpoint.handle(post("{\"customerId\":", Map.of()), correlationId);

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = Json.parse(response.getBody()).get("errors").get(0);
        assertThat(error.get("location").asText()).isEqualTo("/");
        assertThat(error.get("detail").asText()).startsWith("the body is not a JSON document");
    }

    @Test
    void keysAreScopedToTheCaller() {
        Map<String, String> headers = Map.of("Idempotency-Key", "shared-key");
        APIGatewayProxyResponseEvent alice = endpoint.handle(post(BODY, headers), correlationId);
        ApiRequest fromBob = new ApiRequest(post(BODY, headers).event().withRequestContext(new ProxyRequestContext()
                .withPath("/dev/orders").withRequestId("req-2")
                .withIdentity(new RequestIdentity().withUserArn("arn:aws:iam::123456789012:user/bob"))));

        APIGatewayProxyResponseEvent bob = endpoint.handle(fromBob, correlationId);

        assertThat(bob.getHeaders().get("Idempotent-Replayed")).isEqualTo("false");
        assertThat(bob.getHeaders().get("Location")).isNotEqualTo(alice.getHeaders().get("Location"));
        assertThat(repository.size()).isEqualTo(2);
    }
}
