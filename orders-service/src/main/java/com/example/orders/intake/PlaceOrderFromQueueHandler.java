package com.example.orders.intake;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;

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
import com.example.platform.messaging.QueueBatch;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the orders intake queue's event source mapping: each OrderSubmitted is
 * placed exactly as an API order is; messages that fail are reported one by one.
 */
public final class PlaceOrderFromQueueHandler implements RequestStreamHandler {

    private final OrderSubmittedReader messages = new OrderSubmittedReader();
    private final SnapStartPriming snapStartPriming;
    private final OrderIntake intake;
    private final OrderRequestReader reader;
    private final OrderPlacement placement;
    private final DynamoDbOrderRepository orders;

    public PlaceOrderFromQueueHandler() {
        this(LambdaEnvironment.system());
    }

    public PlaceOrderFromQueueHandler(LambdaEnvironment environment) {
        AwsClients clients = new AwsClients(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        this.orders = new DynamoDbOrderRepository(dynamoDb, clients.dynamoDbEnhanced(dynamoDb),
                environment.required("ORDERS_TABLE_NAME"));
        this.reader = new OrderRequestReader(AcceptedCurrencies.fromParameter(
                new SharedParameters(clients.ssm()), environment.required("ACCEPTED_CURRENCIES_PARAMETER")));
        this.placement = new OrderPlacement(orders, Clock.systemUTC());
        this.intake = new OrderIntake(reader, placement);
        this.snapStartPriming = SnapStartPriming.register(this, this::prime);
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) {
        QueueBatch.invoke(event, answer, context, message -> {
            SubmittedOrder submitted = messages.read(message.getBody());
            Observability.underCorrelation(CorrelationId.fromCaller(Optional.of(submitted.correlationId())),
                    () -> intake.place(submitted));
        });
    }

    /**
     * Primes the snapshot along a message's path, writing nothing: the queue batch and its answer, the
     * OrderSubmitted contract (on an unreadable sample), the order rules and the DynamoDB write.
     */
    public void prime() {
        QueueBatch.primeEventPath();
        try {
            messages.read("{\"source\":\"priming\"}");
        } catch (UnplaceableSubmission expected) {
            // Refused by design: the reader and its contract are loaded.
        }
        if (reader.read(PrimingSample.SAMPLE_REQUEST) instanceof Reading.Valid<OrderRequest>(var request)) {
            orders.primeWritePath(placement.draft(PrimingSample.command(request, Channel.PARTNER_FILE)));
        }
    }
}
