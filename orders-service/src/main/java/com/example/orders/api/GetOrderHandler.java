package com.example.orders.api;

import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.orders.domain.OrderId;
import com.example.orders.store.DynamoDbOrderRepository;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.aws.SnapStartPriming;
import com.example.platform.http.ApiEndpoint;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lambda entry point of {@code GET /orders/{orderId}}: wiring at init, then a thin adapter per request. */
public final class GetOrderHandler implements RequestStreamHandler {

    private final DynamoDbOrderRepository repository;
    private final SnapStartPriming snapStartPriming;
    private final GetOrderEndpoint endpoint;

    public GetOrderHandler() {
        this(LambdaEnvironment.system());
    }

    public GetOrderHandler(LambdaEnvironment environment) {
        AwsClients clients = new AwsClients(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        this.repository = new DynamoDbOrderRepository(dynamoDb, clients.dynamoDbEnhanced(dynamoDb),
                environment.required("ORDERS_TABLE_NAME"));
        this.endpoint = new GetOrderEndpoint(repository);
        this.snapStartPriming = SnapStartPriming.register(this, this::prime);
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) {
        endpoint.invoke(event, answer, context);
    }

    /** Primes the snapshot with one read of an id no order has: the whole GetItem path, read-only. */
    public void prime() {
        ApiEndpoint.primeEventPath();
        repository.findDetails(OrderId.parse("00000000-0000-0000-0000-000000000000").orElseThrow());
    }
}
