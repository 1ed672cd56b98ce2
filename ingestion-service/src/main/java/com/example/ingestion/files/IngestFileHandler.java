package com.example.ingestion.files;

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
import com.example.platform.messaging.QueueBatch;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Lambda entry point for the partner files queue: each message is an S3 "Object Created" event the
 * rule put there, ingested under the file's correlation id. A failure reports the message, so the
 * queue hands it back after its visibility timeout and, after its last receive, to its dead-letter
 * queue; the queue's consumer runs at most a few files at once.
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
    public void handleRequest(InputStream event, OutputStream answer, Context context) {
        QueueBatch.invoke(event, answer, context, message -> ingest(ObjectCreated.from(Json.parse(message.getBody()))));
    }

    private void ingest(ObjectCreated event) {
        CorrelationId correlationId = CorrelationId.fromCaller(Optional.ofNullable(
                PartnerFile.of(event).map(PartnerFile::correlationId).orElse(null)));
        Observability.underCorrelation(correlationId, () -> count(ingestion.ingest(event)));
    }

    private static void count(FileIngestion.Outcome outcome) {
        switch (outcome) {
            case FileIngestion.Ingested(var summary) -> {
                Observability.metrics().addMetric("LinesSubmitted", summary.submitted(), MetricUnit.COUNT);
                Observability.metrics().addMetric("LinesRejected", summary.rejected(), MetricUnit.COUNT);
            }
            case FileIngestion.TooLarge _ -> Observability.metrics().addMetric("FilesRefused", 1, MetricUnit.COUNT);
            case FileIngestion.AlreadyIngested _, FileIngestion.Gone _, FileIngestion.NotAPartnerFile _ -> {
                // Logged by the ingestion; nothing to count but the file.
            }
        }
        Observability.metrics().addMetric("FilesSeen", 1, MetricUnit.COUNT);
    }

    /**
     * Primes the snapshot: the queue batch and its answer, the line contracts and the JSON path on a
     * sample line; nothing is read from S3.
     */
    public void prime() {
        QueueBatch.primeEventPath();
        JsonNode sample = Json.parse("""
                {"partnerOrderRef":"priming","customerId":"priming","currency":"EUR",
                 "lines":[{"sku":"PRIMING-1","quantity":1,"unitPrice":"1.00"}]}""");
        lines.read(Json.write(sample), java.util.Set.of("EUR"));
    }
}
