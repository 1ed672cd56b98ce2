package com.example.tests.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.orders.risk.InvalidOrderPlacedEvent;
import com.example.orders.risk.RiskCheckHandler;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.lambda.TestLambdaContext;
import com.example.tests.local.LocalImplementations;
import com.example.tests.template.TestStack;
import com.fasterxml.jackson.databind.JsonNode;

/** The real RiskCheck handler with its thresholds in Parameter Store (moto), as the template creates them. */
class RiskCheckHandlerTest {

    private RiskCheckHandler riskCheck;

    @BeforeEach
    void deploy() {
        TestStack stack = TestStack.deploy(LocalImplementations.moto(), "RiskThresholdsParameter");
        riskCheck = new RiskCheckHandler(stack.functionEnvironment("RiskCheckFunction"));
    }

    @Test
    void theSampleEventIsSentToReviewUnderTheTemplatesThresholds() throws IOException {
        JsonNode assessment = invoke(ProjectFiles.read("events/orders-service/risk-check.json"));

        assertThat(assessment.get("decision").asText()).isEqualTo("REVIEW");
        assertThat(assessment.get("reasons").get(0).asText())
                .isEqualTo("total 1500.00 EUR is above the review threshold of 1000.00 EUR");
    }

    @Test
    void aPayloadThatIsNotOrderPlacedFailsTheInvocationSayingWhy() {
        assertThatThrownBy(() -> invoke("{\"orderId\":\"4f6b1a2c\"}"))
                .isInstanceOf(InvalidOrderPlacedEvent.class)
                .hasMessageContaining("/metadata");
    }

    private JsonNode invoke(String payload) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        riskCheck.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output,
                TestLambdaContext.of("RiskCheck"));
        return Json.parse(output.toString(StandardCharsets.UTF_8));
    }
}
