package com.example.orders.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.orders.domain.OrderId;
import com.example.orders.store.OrderRepository;
import com.example.platform.http.ApiEndpoint;
import com.example.platform.http.ApiRequest;
import com.example.platform.http.ApiResponses;
import com.example.platform.http.Problem;
import com.example.platform.http.Problem.Violation;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** {@code GET /orders/{orderId}}: the order and its current status, 404 when there is none. */
public final class GetOrderEndpoint implements ApiEndpoint {

    private final OrderRepository orders;

    public GetOrderEndpoint(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public APIGatewayProxyResponseEvent handle(ApiRequest request, CorrelationId correlationId) {
        Observability.metrics().addMetric("OrderLookups", 1, MetricUnit.COUNT);
        Optional<OrderId> id = request.pathParameter("orderId").flatMap(OrderId::parse);
        if (id.isEmpty()) {
            return ApiResponses.problem(Problem.invalidRequest(request.path(), correlationId.value(),
                    List.of(new Violation("path:orderId", "must be an order id (a UUID)"))));
        }
        return orders.findDetails(id.get())
                .map(order -> ApiResponses.json(200, OrderResource.of(order), Map.of()))
                .orElseGet(() -> {
                    Observability.metrics().addMetric("OrderLookupsNotFound", 1, MetricUnit.COUNT);
                    return ApiResponses.problem(Problem.of("/problems/order-not-found", "No such order", 404,
                            "There is no order " + id.get() + ".", request.path(), correlationId.value()));
                });
    }
}
