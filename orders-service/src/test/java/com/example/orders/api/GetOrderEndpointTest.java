package com.example.orders.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.orders.domain.Channel;
import com.example.platform.money.Money;
import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderLine;
import com.example.orders.domain.OrderStatus;
import com.example.orders.domain.Provenance;
import com.example.orders.store.InMemoryOrderRepository;
import com.example.platform.http.ApiRequest;
import com.example.platform.json.Json;
import com.example.platform.observability.CorrelationId;
import com.fasterxml.jackson.databind.JsonNode;

class GetOrderEndpointTest {

    private static final Currency JPY = Currency.getInstance("JPY");

    private final InMemoryOrderRepository repository = new InMemoryOrderRepository();
    private final GetOrderEndpoint endpoint = new GetOrderEndpoint(repository);
    private final CorrelationId correlationId = new CorrelationId("corr-1");

    private static ApiRequest get(String orderId) {
        return new ApiRequest(new APIGatewayProxyRequestEvent().withPath("/orders/" + orderId)
                .withPathParameters(Map.of("orderId", orderId))
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withPath("/dev/orders/" + orderId)));
    }

    @Test
    void anExistingOrderIsReturnedWithItsStatusAndExactAmounts() {
        Order order = new Order(OrderId.random(), "c-1", JPY,
                List.of(new OrderLine("A-1", 3, new Money(new BigDecimal("1200"), JPY))), OrderStatus.PLACED,
                Channel.API, new Provenance("corr-0", "req-0", "arn:aws:iam::123456789012:user/placer"), Instant.parse("2026-11-23T10:00:00Z"), "fp");
        repository.insertIfAbsent(order);

        APIGatewayProxyResponseEvent response = endpoint.handle(get(order.id().toString()), correlationId);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.parse(response.getBody());
        assertThat(body.get("status").asText()).isEqualTo("PLACED");
        assertThat(body.get("total").get("amount").asText()).isEqualTo("3600");
        assertThat(body.get("total").get("currency").asText()).isEqualTo("JPY");
        assertThat(body.get("lines").get(0).get("lineTotal").get("amount").asText()).isEqualTo("3600");
        assertThat(body.has("requestFingerprint")).isFalse();
        assertThat(body.has("invoice")).as("no invoice before the order is invoiced").isFalse();
    }

    @Test
    void anInvoicedOrderNamesItsInvoiceButLinksNoOtherServicesApi() {
        Order order = new Order(OrderId.random(), "c-1", JPY,
                List.of(new OrderLine("A-1", 1, new Money(new BigDecimal("1200"), JPY))), OrderStatus.CONFIRMED,
                Channel.API, new Provenance("corr-0", "req-0", "arn:aws:iam::123456789012:user/placer"), Instant.parse("2026-11-23T10:00:00Z"), "fp");
        repository.insertIfAbsent(order);
        repository.markInvoiced(order.id(), "inv-7", "2026-000042", Instant.parse("2026-11-23T10:05:00Z"));

        JsonNode body = Json.parse(endpoint.handle(get(order.id().toString()), correlationId).getBody());

        assertThat(body.get("status").asText()).isEqualTo("INVOICED");
        assertThat(body.get("invoice").get("invoiceId").asText()).isEqualTo("inv-7");
        assertThat(body.get("invoice").get("invoiceNumber").asText()).isEqualTo("2026-000042");
        assertThat(body.get("invoice").has("href")).as("the invoice is read from the invoices API, which the orders service cannot address")
                .isFalse();
    }

    @Test
    void anUnknownOrderIs404() {
        APIGatewayProxyResponseEvent response = endpoint.handle(get(OrderId.random().toString()), correlationId);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(Json.parse(response.getBody()).get("type").asText()).isEqualTo("/problems/order-not-found");
    }

    @Test
    void anIdThatCannotBeAnOrderIs400() {
        APIGatewayProxyResponseEvent response = endpoint.handle(get("../../etc"), correlationId);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("errors").get(0).get("location").asText()).isEqualTo("path:orderId");
    }
}
