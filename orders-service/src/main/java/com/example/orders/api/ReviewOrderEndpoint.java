package com.example.orders.api;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.orders.domain.OrderId;
import com.example.orders.review.ReviewAnswer;
import com.example.orders.review.ReviewRequestReader;
import com.example.orders.review.ReviewStore;
import com.example.orders.review.ReviewStore.AlreadyAnswered;
import com.example.orders.review.ReviewStore.Claimed;
import com.example.orders.review.ReviewStore.NoSuchOrder;
import com.example.orders.review.ReviewStore.NotOpenYet;
import com.example.orders.review.ReviewStore.NotUnderReview;
import com.example.orders.review.ReviewStore.PlacedByReviewer;
import com.example.orders.review.WorkflowCallbacks;
import com.example.orders.review.WorkflowCallbacks.Delivered;
import com.example.orders.review.WorkflowCallbacks.Expired;
import com.example.platform.contracts.Reading;
import com.example.platform.http.ApiEndpoint;
import com.example.platform.http.ApiRequest;
import com.example.platform.http.ApiResponses;
import com.example.platform.http.Problem;
import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;
import com.example.platform.json.MalformedJsonException;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@code POST /orders/{orderId}/review}: a reviewer's answer to an order under review. The answer is
 * recorded on the order first (exactly one answer wins, never its placer's), then handed to the
 * waiting workflow; {@code 202} means the workflow has it and will confirm or reject the order.
 */
public final class ReviewOrderEndpoint implements ApiEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewOrderEndpoint.class);

    private final ReviewRequestReader reader;
    private final ReviewStore reviews;
    private final WorkflowCallbacks workflow;

    public ReviewOrderEndpoint(ReviewRequestReader reader, ReviewStore reviews, WorkflowCallbacks workflow) {
        this.reader = reader;
        this.reviews = reviews;
        this.workflow = workflow;
    }

    @Override
    public APIGatewayProxyResponseEvent handle(ApiRequest request, CorrelationId correlationId) {
        List<Violation> violations = new ArrayList<>();
        Optional<OrderId> orderId = request.pathParameter("orderId").flatMap(OrderId::parse);
        if (orderId.isEmpty()) {
            violations.add(new Violation("path:orderId", "must be an order id (a UUID)"));
        }
        Optional<ReviewAnswer> answer = answer(request, violations);
        if (!violations.isEmpty()) {
            return ApiResponses.problem(Problem.invalidRequest(request.path(), correlationId.value(), violations));
        }
        return switch (reviews.claim(orderId.get(), answer.get())) {
            case Claimed(String taskToken) -> resume(request, correlationId, orderId.get(), answer.get(), taskToken);
            case NoSuchOrder noSuchOrder -> problem(request, correlationId, "/problems/order-not-found", "No such order",
                    404, "There is no order " + orderId.get() + ".");
            case PlacedByReviewer placedByReviewer -> problem(request, correlationId, "/problems/reviewer-placed-the-order",
                    "A reviewer cannot review an order they placed", 403,
                    "Order " + orderId.get() + " was placed by " + answer.get().reviewer()
                            + "; another reviewer must answer its review.");
            case NotUnderReview(var status) -> problem(request, correlationId, "/problems/order-not-under-review",
                    "The order is not under review", 409,
                    "Order " + orderId.get() + " is " + status + "; only orders UNDER_REVIEW take a review.");
            case AlreadyAnswered(var decision) -> problem(request, correlationId, "/problems/review-already-answered",
                    "The review was already answered", 409,
                    "Order " + orderId.get() + " was already reviewed: " + decision + ".");
            case NotOpenYet notOpenYet -> ApiResponses.problem(Problem.of("/problems/review-not-open",
                    "The review is not open yet", 409,
                    "The review of order " + orderId.get() + " opens in a moment; retry shortly.",
                    request.path(), correlationId.value())).withHeaders(Map.of("Retry-After", "2",
                    "Content-Type", Problem.MEDIA_TYPE));
        };
    }

    private APIGatewayProxyResponseEvent resume(ApiRequest request, CorrelationId correlationId, OrderId orderId,
                                                ReviewAnswer answer, String taskToken) {
        return switch (workflow.resume(taskToken, answer)) {
            case Delivered delivered -> {
                Observability.metrics().addDimension("Decision", answer.decision().name());
                Observability.metrics().addMetric("ReviewsAnswered", 1, MetricUnit.COUNT);
                LOG.info("Review answered", entry("orderId", orderId.toString()), entry("decision", answer.decision()));
                String order = request.path().replaceAll("/review/*$", "");
                yield ApiResponses.json(202, Map.of("orderId", orderId.toString(), "decision", answer.decision().name(),
                        "links", Map.of("order", order)), Map.of("Location", order));
            }
            case Expired(String reason) -> {
                reviews.release(orderId, answer);
                LOG.warn("Review answer came too late", entry("orderId", orderId.toString()), entry("reason", reason));
                yield problem(request, correlationId, "/problems/review-expired", "The review window has closed", 410,
                        "The workflow no longer waits for a review of order " + orderId
                                + " (its review timed out, or it was decided otherwise). Read the order for its status.");
            }
        };
    }

    private Optional<ReviewAnswer> answer(ApiRequest request, List<Violation> violations) {
        try {
            String reviewer = request.principal();
            return switch (reader.read(Json.parse(request.body()), reviewer)) {
                case Reading.Valid<ReviewAnswer>(ReviewAnswer answer) -> Optional.of(answer);
                case Reading.Invalid<ReviewAnswer>(List<Violation> invalid) -> {
                    violations.addAll(invalid);
                    yield Optional.empty();
                }
            };
        } catch (MalformedJsonException malformed) {
            violations.add(new Violation("/", "the body is not a JSON document: " + malformed.getMessage()));
            return Optional.empty();
        }
    }

    private static APIGatewayProxyResponseEvent problem(ApiRequest request, CorrelationId correlationId, String type,
                                                        String title, int status, String detail) {
        return ApiResponses.problem(Problem.of(type, title, status, detail, request.path(), correlationId.value()));
    }
}
