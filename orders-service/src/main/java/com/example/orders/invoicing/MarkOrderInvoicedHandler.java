package com.example.orders.invoicing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.orders.store.DynamoDbOrderRepository;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.aws.SnapStartPriming;
import com.example.platform.json.Json;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Lambda entry point for InvoiceIssued, invoked asynchronously by its rule: marks the order
 * INVOICED. Whatever cannot be applied throws, so Lambda retries and then hands the event to the
 * on-failure destination.
 */
public final class MarkOrderInvoicedHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MarkOrderInvoicedHandler.class);

    private final InvoiceIssuedReader reader = new InvoiceIssuedReader();
    private final SnapStartPriming snapStartPriming;
    private final InvoicedMarking marking;

    public MarkOrderInvoicedHandler() {
        this(LambdaEnvironment.system());
    }

    public MarkOrderInvoicedHandler(LambdaEnvironment environment) {
        AwsClients clients = new AwsClients(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        this.marking = new InvoicedMarking(new DynamoDbOrderRepository(dynamoDb, clients.dynamoDbEnhanced(dynamoDb),
                environment.required("ORDERS_TABLE_NAME")), Clock.systemUTC());
        this.snapStartPriming = SnapStartPriming.register(this, this::prime);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.mapper().readTree(input);
        CorrelationId correlationId = CorrelationId.fromCaller(
                Optional.ofNullable(event.path("detail").path("metadata").path("correlationId").textValue()));
        Observability.observe(context, correlationId, () -> {
            IssuedInvoice invoice = reader.read(event);
            InvoicedMarking.Outcome outcome = marking.apply(invoice);
            Observability.metrics().addMetric(outcome instanceof InvoicedMarking.Marked ? "OrdersInvoiced"
                    : "InvoiceReplaysIgnored", 1, MetricUnit.COUNT);
            LOG.info("InvoiceIssued applied: {} {}", invoice.orderId(), outcome.getClass().getSimpleName());
            return outcome;
        });
    }

    /** Primes the snapshot with the contract and the JSON path on the sample event. */
    public void prime() {
        try {
            reader.read(Json.parse("{\"source\":\"priming\"}"));
        } catch (UninvoiceableOrder expected) {
            // The sample is refused by design: the reader and its contract are loaded, nothing is written.
        }
    }
}
