package com.example.orders.intake;

import java.time.Clock;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.orders.placement.AcceptedCurrencies;
import com.example.orders.placement.OrderPlacement;
import com.example.orders.placement.OrderRequestReader;
import com.example.orders.store.DynamoDbOrderRepository;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.aws.SnapStartPriming;
import com.example.platform.config.SharedParameters;
import com.example.platform.messaging.QueueBatch;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the orders intake queue's event source mapping: each OrderSubmitted is
 * placed exactly as an API order is; messages that fail are reported one by one.
 */
public final class PlaceOrderFromQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final OrderSubmittedReader messages = new OrderSubmittedReader();
    private final SnapStartPriming snapStartPriming;
    private final OrderIntake intake;

    public PlaceOrderFromQueueHandler() {
        this(LambdaEnvironment.system());
    }

    public PlaceOrderFromQueueHandler(LambdaEnvironment environment) {
        AwsClients clients = new AwsClients(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        DynamoDbOrderRepository orders = new DynamoDbOrderRepository(dynamoDb, clients.dynamoDbEnhanced(dynamoDb),
                environment.required("ORDERS_TABLE_NAME"));
        OrderRequestReader reader = new OrderRequestReader(AcceptedCurrencies.fromParameter(
                new SharedParameters(clients.ssm()), environment.required("ACCEPTED_CURRENCIES_PARAMETER")));
        this.intake = new OrderIntake(reader, new OrderPlacement(orders, Clock.systemUTC()));
        this.snapStartPriming = SnapStartPriming.register(this, this::prime);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent batch, Context context) {
        return Observability.observe(context, () -> QueueBatch.process(batch, message -> {
            SubmittedOrder submitted = messages.read(message.getBody());
            Observability.underCorrelation(CorrelationId.fromCaller(Optional.of(submitted.correlationId())),
                    () -> intake.place(submitted));
        }));
    }

    /** Primes the snapshot with the OrderSubmitted contract on an unreadable sample; nothing is written. */
    public void prime() {
        try {
            messages.read("{\"source\":\"priming\"}");
        } catch (UnplaceableSubmission expected) {
            // Refused by design: the reader and its contract are loaded.
        }
    }
}
