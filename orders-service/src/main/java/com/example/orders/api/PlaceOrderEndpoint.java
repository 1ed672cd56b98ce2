package com.example.orders.api;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.orders.domain.Channel;
import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.Provenance;
import com.example.orders.placement.IdempotencyKey;
import com.example.orders.placement.OrderPlacement;
import com.example.orders.placement.OrderRequest;
import com.example.orders.placement.OrderRequestReader;
import com.example.orders.placement.PlacementCommand;
import com.example.orders.placement.PlacementOutcome.KeyReused;
import com.example.orders.placement.PlacementOutcome.Placed;
import com.example.orders.placement.PlacementOutcome.Replayed;
import com.example.platform.contracts.Reading.Invalid;
import com.example.platform.contracts.Reading.Valid;
import com.example.platform.http.ApiEndpoint;
import com.example.platform.http.ApiRequest;
import com.example.platform.http.ApiResponses;
import com.example.platform.http.Problem;
import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;
import com.example.platform.json.MalformedJsonException;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@code POST /orders}: reads the request, places the order, answers {@code 202 Accepted} with the
 * order's id and {@code Location}. With an {@code Idempotency-Key}, a repeat of the same request
 * gets the same answer (flagged {@code Idempotent-Replayed: true}) and a different request under
 * the same key gets {@code 422}. Every malformed part of a request is reported in one 400.
 */
public final class PlaceOrderEndpoint implements ApiEndpoint {

    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger LOG = LoggerFactory.getLogger(PlaceOrderEndpoint.class);

    private final OrderRequestReader reader;
    private final OrderPlacement placement;

    public PlaceOrderEndpoint(OrderRequestReader reader, OrderPlacement placement) {
        this.reader = reader;
        this.placement = placement;
    }

    @Override
    public APIGatewayProxyResponseEvent handle(ApiRequest request, CorrelationId correlationId) {
        List<Violation> violations = new ArrayList<>();
        Optional<IdempotencyKey> key = idempotencyKey(request, violations);
        Optional<OrderRequest> order = orderRequest(request.body(), violations);
        if (!violations.isEmpty()) {
            Observability.metrics().addMetric("OrderRequestsRejected", 1, MetricUnit.COUNT);
            LOG.info("Order request rejected", entry("violations", violations));
            return ApiResponses.problem(Problem.invalidRequest(request.path(), correlationId.value(), violations));
        }
        PlacementCommand command = new PlacementCommand(order.orElseThrow(), key, Channel.API,
                new Provenance(correlationId.value(), request.requestId(), request.principal()));
        return switch (placement.place(command)) {
            case Placed(Order placed) -> {
                Observability.metrics().addMetric("OrdersPlaced", 1, MetricUnit.COUNT);
                LOG.info("Order placed", entry("orderId", placed.id().toString()));
                yield accepted(placed, request, false);
            }
            case Replayed(Order replayed) -> {
                Observability.metrics().addMetric("IdempotentReplays", 1, MetricUnit.COUNT);
                LOG.info("Idempotent replay", entry("orderId", replayed.id().toString()));
                yield accepted(replayed, request, true);
            }
            case KeyReused(OrderId existing) -> {
                Observability.metrics().addMetric("IdempotencyKeyConflicts", 1, MetricUnit.COUNT);
                LOG.warn("Idempotency key reused for a different request", entry("orderId", existing.toString()));
                yield ApiResponses.problem(Problem.of("/problems/idempotency-key-reused",
                        "The idempotency key was used for a different request", 422,
                        "Send a new Idempotency-Key for a new order, or repeat the original request unchanged.",
                        request.path(), correlationId.value()));
            }
        };
    }

    private static Optional<IdempotencyKey> idempotencyKey(ApiRequest request, List<Violation> violations) {
        Optional<String> supplied = request.header(IDEMPOTENCY_KEY_HEADER);
        if (supplied.isPresent() && !IdempotencyKey.isValid(supplied.get())) {
            violations.add(new Violation("header:" + IDEMPOTENCY_KEY_HEADER,
                    "must be 1 to 255 visible ASCII characters"));
            return Optional.empty();
        }
        // Keys are unique per signing principal, so two callers can never collide on one key.
        return supplied.map(value -> new IdempotencyKey(request.principal(), value));
    }

    private Optional<OrderRequest> orderRequest(String body, List<Violation> violations) {
        JsonNode document;
        try {
            document = Json.parse(body);
        } catch (MalformedJsonException malformed) {
            violations.add(new Violation("/", "the body is not a JSON document: " + malformed.getMessage()));
            return Optional.empty();
        }
        return switch (reader.read(document)) {
            case Valid<OrderRequest>(OrderRequest request) -> Optional.of(request);
            case Invalid<OrderRequest>(List<Violation> invalid) -> {
                violations.addAll(invalid);
                yield Optional.empty();
            }
        };
    }

    private static APIGatewayProxyResponseEvent accepted(Order order, ApiRequest request, boolean replayed) {
        String location = request.path().replaceAll("/+$", "") + "/" + order.id();
        return ApiResponses.json(202, PlacementReceipt.of(order, location),
                Map.of("Location", location, REPLAYED_HEADER, Boolean.toString(replayed)));
    }
}
