package com.example.invoices.issuing;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.domain.InvoiceNumber;
import com.example.invoices.domain.TaxRates;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.aws.SnapStartPriming;
import com.example.platform.config.SharedParameters;
import com.example.platform.events.EventPublisher;
import com.example.platform.json.Json;
import com.example.platform.messaging.QueueBatch;
import com.example.platform.money.Money;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the invoice queue's event source mapping: each OrderConfirmed message
 * becomes one issued, signed and announced invoice; failed messages are reported one by one.
 */
public final class IssueInvoiceHandler implements RequestStreamHandler {

    /** Never stored: the priming writes it under a condition no item meets. */
    private static final Invoice PRIMING_INVOICE = new Invoice(InvoiceId.forOrder("priming"), new InvoiceNumber(2026, 1),
            "priming", "priming", new Money(new BigDecimal("1.00"), Currency.getInstance("EUR")), new BigDecimal("0.20"),
            new Money(new BigDecimal("0.20"), Currency.getInstance("EUR")), new Money(new BigDecimal("1.20"),
            Currency.getInstance("EUR")), Instant.EPOCH, "priming", "priming", "priming", "priming");

    private final InvoicingInbox inbox;
    private final EventPublisher publisher;
    private final DynamoDbInvoiceRepository invoices;
    private final CurrentSigningKey signingKey;
    private final SnapStartPriming snapStartPriming;

    public IssueInvoiceHandler() {
        this(LambdaEnvironment.system());
    }

    public IssueInvoiceHandler(LambdaEnvironment environment) {
        AwsClients clients = new AwsClients(environment);
        SharedParameters parameters = new SharedParameters(clients.ssm());
        String taxRatesParameter = environment.required("TAX_RATES_PARAMETER");
        this.signingKey = new CurrentSigningKey(clients.secretsManager(), environment.required("SIGNING_KEY_SECRET"),
                Clock.systemUTC());
        DynamoDbClient dynamoDb = clients.dynamoDb();
        this.invoices = new DynamoDbInvoiceRepository(dynamoDb, clients.dynamoDbEnhanced(dynamoDb),
                environment.required("INVOICES_TABLE_NAME"));
        InvoiceIssuer issuer = new InvoiceIssuer(invoices,
                () -> Json.read(parameters.string(taxRatesParameter), TaxRates.class),
                new InvoiceSigner(signingKey), Clock.systemUTC());
        this.publisher = new EventPublisher(clients.eventBridge(), environment.required("EVENT_BUS_NAME"), "com.example.invoices");
        this.inbox = new InvoicingInbox(new OrderConfirmedReader(), issuer, publisher);
        this.snapStartPriming = SnapStartPriming.register(this, this::prime);
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) {
        QueueBatch.invoke(event, answer, context, message -> {
            ConfirmedOrder order = inbox.read(message.getBody());
            Observability.underCorrelation(CorrelationId.fromCaller(Optional.of(order.correlationId())),
                    () -> inbox.process(order));
        });
    }

    /**
     * Primes the snapshot, writing and publishing nothing and reading no secret: the queue batch and
     * its answer, the OrderConfirmed contract (on an unreadable sample), the signing key's read path
     * (for a version that does not exist) and HMAC (under a throwaway key), the invoices table's read
     * path, its two writes under a condition no item meets, and an EventBridge request that carries
     * no event.
     */
    public void prime() {
        QueueBatch.primeEventPath();
        try {
            inbox.read("{\"source\":\"priming\"}");
        } catch (UnreadableMessage expected) {
            // Refused by design: the reader and its contract are loaded.
        }
        signingKey.primeReadPath();
        InvoiceSigner.prime(PRIMING_INVOICE);
        invoices.find(InvoiceId.forOrder("priming"));
        invoices.primeWritePaths(PRIMING_INVOICE);
        publisher.prime();
    }
}
