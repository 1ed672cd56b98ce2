package com.example.invoices.api;

import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.issuing.DynamoDbInvoiceRepository;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;

/** Lambda entry point of {@code GET /invoices/{invoiceId}}: wiring at init, then a thin adapter per request. */
public final class GetInvoiceHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(GetInvoiceHandler.class);

    private final DynamoDbInvoiceRepository invoices;
    private final GetInvoiceEndpoint endpoint;

    public GetInvoiceHandler() {
        this(LambdaEnvironment.system());
    }

    public GetInvoiceHandler(LambdaEnvironment environment) {
        this.invoices = new DynamoDbInvoiceRepository(new AwsClients(environment).dynamoDb(),
                environment.required("INVOICES_TABLE_NAME"));
        this.endpoint = new GetInvoiceEndpoint(invoices);
        Core.getGlobalContext().register(this);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.invoke(event, context);
    }

    /** Primes the snapshot with one projected read of an id no invoice has. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            invoices.findPublic(InvoiceId.forOrder("priming"));
        } catch (RuntimeException primingFailed) {
            LOG.warn("Priming skipped", primingFailed);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh.
    }
}
