package com.example.orders.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.orders.domain.OrderId;
import com.example.orders.review.ReviewAnswer;
import com.example.orders.review.ReviewDecision;
import com.example.orders.review.ReviewRequestReader;
import com.example.orders.review.WorkflowCallbacks;
import com.example.orders.store.DynamoDbOrderRepository;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.aws.SnapStartPriming;
import com.example.platform.http.ApiEndpoint;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lambda entry point of {@code POST /orders/{orderId}/review}: wiring at init, then a thin adapter per request. */
public final class ReviewOrderHandler implements RequestStreamHandler {

    private final DynamoDbOrderRepository reviews;
    private final SnapStartPriming snapStartPriming;
    private final ReviewOrderEndpoint endpoint;

    public ReviewOrderHandler() {
        this(LambdaEnvironment.system());
    }

    public ReviewOrderHandler(LambdaEnvironment environment) {
        AwsClients clients = new AwsClients(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        this.reviews = new DynamoDbOrderRepository(dynamoDb, clients.dynamoDbEnhanced(dynamoDb),
                environment.required("ORDERS_TABLE_NAME"));
        this.endpoint = new ReviewOrderEndpoint(new ReviewRequestReader(Clock.systemUTC()), reviews,
                new WorkflowCallbacks(clients.stepFunctions()));
        this.snapStartPriming = SnapStartPriming.register(this, this::prime);
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) {
        endpoint.invoke(event, answer, context);
    }

    /** Primes the snapshot with a claim on an id no order has: the conditional write refuses it, nothing is written. */
    public void prime() {
        ApiEndpoint.primeEventPath();
        reviews.claim(OrderId.parse("00000000-0000-0000-0000-000000000000").orElseThrow(),
                new ReviewAnswer(ReviewDecision.APPROVE, "priming", "priming", Clock.systemUTC().instant()));
    }
}
