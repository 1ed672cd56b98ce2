package com.example.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.platform.json.Json;
import com.example.platform.observability.CorrelationId;
import com.fasterxml.jackson.databind.JsonNode;

class ApiResponsesTest {

    private final ApiRequest request = new ApiRequest(new APIGatewayProxyRequestEvent().withPath("/orders"));
    private final CorrelationId correlationId = new CorrelationId("corr-1");

    @Test
    void aFailingEndpointAnswersA500ProblemWithoutItsInternals() {
        APIGatewayProxyResponseEvent response = ApiResponses.answer(request, correlationId, () -> {
            throw new IllegalStateException("table orders-xyz is on fire at OrderRepository.java:42");
        });

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json")
                .containsEntry("X-Correlation-Id", "corr-1");
        assertThat(response.getBody()).doesNotContain("orders-xyz", "OrderRepository", "Exception");
        JsonNode problem = Json.parse(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("/problems/internal-error");
        assertThat(problem.get("correlationId").asText()).isEqualTo("corr-1");
    }

    @Test
    void everyAnswerCarriesTheCorrelationId() {
        APIGatewayProxyResponseEvent response = ApiResponses.answer(request, correlationId,
                () -> ApiResponses.json(200, Map.of("ok", true), Map.of("Location", "/x")));
        assertThat(response.getHeaders()).containsEntry("X-Correlation-Id", "corr-1")
                .containsEntry("Location", "/x")
                .containsEntry("Content-Type", "application/json");
    }
}
