package com.example.invoices.api;

import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.issuing.DynamoDbInvoiceRepository;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.aws.SnapStartPriming;
import com.example.platform.http.ApiEndpoint;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lambda entry point of {@code GET /invoices/{invoiceId}}: wiring at init, then a thin adapter per request. */
public final class GetInvoiceHandler implements RequestStreamHandler {

    private final DynamoDbInvoiceRepository invoices;
    private final SnapStartPriming snapStartPriming;
    private final GetInvoiceEndpoint endpoint;

    public GetInvoiceHandler() {
        this(LambdaEnvironment.system());
    }

    public GetInvoiceHandler(LambdaEnvironment environment) {
        AwsClients clients = new AwsClients(environment);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        this.invoices = new DynamoDbInvoiceRepository(dynamoDb, clients.dynamoDbEnhanced(dynamoDb),
                environment.required("INVOICES_TABLE_NAME"));
        this.endpoint = new GetInvoiceEndpoint(invoices);
        this.snapStartPriming = SnapStartPriming.register(this, this::prime);
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) {
        endpoint.invoke(event, answer, context);
    }

    /** Primes the snapshot with one projected read of an id no invoice has. */
    public void prime() {
        ApiEndpoint.primeEventPath();
        invoices.findPublic(InvoiceId.forOrder("priming"));
    }
}
