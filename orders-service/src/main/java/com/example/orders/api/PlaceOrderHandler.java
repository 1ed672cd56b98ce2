package com.example.orders.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.orders.domain.Channel;
import com.example.orders.placement.AcceptedCurrencies;
import com.example.orders.placement.OrderPlacement;
import com.example.orders.placement.OrderRequest;
import com.example.orders.placement.OrderRequestReader;
import com.example.orders.placement.PrimingSample;
import com.example.orders.store.DynamoDbOrderRepository;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.aws.SnapStartPriming;
import com.example.platform.config.SharedParameters;
import com.example.platform.contracts.Reading;
import com.example.platform.http.ApiEndpoint;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of {@code POST /orders}: wiring at init, then a thin adapter per request.
 * Clients, configuration readers and the schema are built once per execution environment and
 * captured by the SnapStart snapshot, which {@link #prime} primes.
 */
public final class PlaceOrderHandler implements RequestStreamHandler {

    private final OrderRequestReader reader;
    private final OrderPlacement placement;
    private final DynamoDbOrderRepository repository;
    private final SnapStartPriming snapStartPriming;
    private final PlaceOrderEndpoint endpoint;

    public PlaceOrderHandler() {
        this(LambdaEnvironment.system());
    }

    public PlaceOrderHandler(LambdaEnvironment environment) {
        AwsClients clients = new AwsClients(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        this.repository = new DynamoDbOrderRepository(dynamoDb, clients.dynamoDbEnhanced(dynamoDb),
                environment.required("ORDERS_TABLE_NAME"));
        this.reader = new OrderRequestReader(AcceptedCurrencies.fromParameter(new SharedParameters(clients.ssm()),
                environment.required("ACCEPTED_CURRENCIES_PARAMETER")));
        this.placement = new OrderPlacement(repository, Clock.systemUTC());
        this.endpoint = new PlaceOrderEndpoint(reader, placement);
        this.snapStartPriming = SnapStartPriming.register(this, this::prime);
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) {
        endpoint.invoke(event, answer, context);
    }

    /** Primes the snapshot: schema validation, the Parameter Store read and the DynamoDB write path, writing nothing. */
    public void prime() {
        ApiEndpoint.primeEventPath();
        if (reader.read(PrimingSample.SAMPLE_REQUEST) instanceof Reading.Valid<OrderRequest>(var request)) {
            repository.primeWritePath(placement.draft(PrimingSample.command(request, Channel.API)));
        }
    }
}
