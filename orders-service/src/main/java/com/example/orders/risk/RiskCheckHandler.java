package com.example.orders.risk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.aws.SnapStartPriming;
import com.example.platform.config.SharedParameters;
import com.example.platform.json.Json;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Lambda entry point of the workflow's risk check: the OrderPlaced detail in, a decision with its
 * reasons out. A stream handler, so the one JSON mapper reads and writes the payloads.
 */
public final class RiskCheckHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RiskCheckHandler.class);

    private final RiskCheck riskCheck;
    private final SnapStartPriming snapStartPriming;

    public RiskCheckHandler() {
        this(LambdaEnvironment.system());
    }

    public RiskCheckHandler(LambdaEnvironment environment) {
        SharedParameters parameters = new SharedParameters(new AwsClients(environment).ssm());
        String thresholdsParameter = environment.required("RISK_THRESHOLDS_PARAMETER");
        this.riskCheck = new RiskCheck(() -> Json.read(parameters.string(thresholdsParameter), RiskThresholds.class),
                new RiskPolicy());
        this.snapStartPriming = SnapStartPriming.register(this, this::prime);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode orderPlaced = Json.mapper().readTree(input);
        CorrelationId correlationId = CorrelationId.fromCaller(
                Optional.ofNullable(orderPlaced.path("metadata").path("correlationId").textValue()));
        RiskAssessment assessment = Observability.observe(context, correlationId, () -> {
            RiskAssessment assessed = riskCheck.assess(orderPlaced);
            Observability.metrics().addDimension("Decision", assessed.decision().name());
            Observability.metrics().addMetric("RiskDecisions", 1, MetricUnit.COUNT);
            LOG.info("Risk assessed: {} {}", assessed.decision(), assessed.reasons());
            return assessed;
        });
        Json.mapper().writeValue(output, assessment);
    }

    /** Primes the snapshot: the contract, the thresholds read and the policy, on a sample order. */
    public void prime() {
        riskCheck.assess(Json.parse("""
                {"metadata":{"eventId":"priming","schemaVersion":"1","correlationId":"priming","causationId":"priming",
                 "occurredAt":"2026-01-01T00:00:00Z"},
                 "data":{"orderId":"00000000-0000-0000-0000-000000000000","customerId":"priming","channel":"API",
                 "total":{"amount":"1.00","currency":"EUR"},"itemCount":"1","placedAt":"2026-01-01T00:00:00Z"}}
                """));
    }
}
