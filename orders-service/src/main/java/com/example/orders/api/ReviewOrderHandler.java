package com.example.orders.api;

import java.time.Clock;

import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.orders.domain.OrderId;
import com.example.orders.review.ReviewAnswer;
import com.example.orders.review.ReviewDecision;
import com.example.orders.review.ReviewRequestReader;
import com.example.orders.review.WorkflowCallbacks;
import com.example.orders.store.DynamoDbOrderRepository;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;

/** Lambda entry point of {@code POST /orders/{orderId}/review}: wiring at init, then a thin adapter per request. */
public final class ReviewOrderHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewOrderHandler.class);

    private final DynamoDbOrderRepository reviews;
    private final ReviewOrderEndpoint endpoint;

    public ReviewOrderHandler() {
        this(LambdaEnvironment.system());
    }

    public ReviewOrderHandler(LambdaEnvironment environment) {
        AwsClients clients = new AwsClients(environment);
        this.reviews = new DynamoDbOrderRepository(clients.dynamoDb(), environment.required("ORDERS_TABLE_NAME"));
        this.endpoint = new ReviewOrderEndpoint(new ReviewRequestReader(Clock.systemUTC()), reviews,
                new WorkflowCallbacks(clients.stepFunctions()));
        Core.getGlobalContext().register(this);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.invoke(event, context);
    }

    /** Primes the snapshot with a claim on an id no order has: the conditional write refuses it, nothing is written. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            reviews.claim(OrderId.parse("00000000-0000-0000-0000-000000000000").orElseThrow(),
                    new ReviewAnswer(ReviewDecision.APPROVE, "priming", "priming", Clock.systemUTC().instant()));
        } catch (RuntimeException primingFailed) {
            LOG.warn("Priming skipped", primingFailed);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: the clients hold no per-environment state.
    }
}
