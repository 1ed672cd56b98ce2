package com.example.ingestion.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.TreeSet;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.aws.SnapStartPriming;
import com.example.platform.config.SharedParameters;
import com.example.platform.events.EventPublisher;
import com.example.platform.json.Json;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Lambda entry point for S3 "Object Created" events of partner files, invoked asynchronously by its
 * rule. A failure throws, so Lambda retries the file and, after its retries, hands the event to the
 * on-failure destination.
 */
public final class IngestFileHandler implements RequestStreamHandler {

    private final FileIngestion ingestion;
    private final SnapStartPriming snapStartPriming;
    private final PartnerLineReader lines = new PartnerLineReader();

    public IngestFileHandler() {
        this(LambdaEnvironment.system());
    }

    public IngestFileHandler(LambdaEnvironment environment) {
        AwsClients clients = new AwsClients(environment);
        SharedParameters parameters = new SharedParameters(clients.ssm());
        String acceptedCurrencies = environment.required("ACCEPTED_CURRENCIES_PARAMETER");
        this.ingestion = new FileIngestion(clients.s3(), lines,
                new EventPublisher(clients.eventBridge(), environment.required("EVENT_BUS_NAME"), "com.example.ingestion"),
                () -> new TreeSet<>(parameters.stringList(acceptedCurrencies)), Clock.systemUTC(),
                Long.parseLong(environment.required("MAX_FILE_BYTES")));
        this.snapStartPriming = SnapStartPriming.register(this, this::prime);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ObjectCreated event = ObjectCreated.from(Json.mapper().readTree(input));
        CorrelationId correlationId = CorrelationId.fromCaller(Optional.ofNullable(
                PartnerFile.of(event).map(PartnerFile::correlationId).orElse(null)));
        FileIngestion.Outcome outcome = Observability.observe(context, correlationId, () -> {
            FileIngestion.Outcome ingested = ingestion.ingest(event);
            if (ingested instanceof FileIngestion.Ingested(var summary)) {
                Observability.metrics().addMetric("LinesSubmitted", summary.submitted(), MetricUnit.COUNT);
                Observability.metrics().addMetric("LinesRejected", summary.rejected(), MetricUnit.COUNT);
            }
            if (ingested instanceof FileIngestion.TooLarge) {
                Observability.metrics().addMetric("FilesRefused", 1, MetricUnit.COUNT);
            }
            Observability.metrics().addMetric("FilesSeen", 1, MetricUnit.COUNT);
            return ingested;
        });
        Json.mapper().writeValue(output, Json.tree(outcome));
    }

    /** Primes the snapshot: the line contracts and the JSON path on a sample line; nothing is read from S3. */
    public void prime() {
        JsonNode sample = Json.parse("""
                {"partnerOrderRef":"priming","customerId":"priming","currency":"EUR",
                 "lines":[{"sku":"PRIMING-1","quantity":1,"unitPrice":"1.00"}]}""");
        lines.read(Json.write(sample), java.util.Set.of("EUR"));
    }
}
