package com.example.invoices.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.issuing.DynamoDbInvoiceRepository;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.aws.SnapStartPriming;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lambda entry point of {@code GET /invoices/{invoiceId}}: wiring at init, then a thin adapter per request. */
public final class GetInvoiceHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

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
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.invoke(event, context);
    }

    /** Primes the snapshot with one projected read of an id no invoice has. */
    public void prime() {
        invoices.findPublic(InvoiceId.forOrder("priming"));
    }
}
