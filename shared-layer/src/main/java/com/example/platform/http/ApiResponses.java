package com.example.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.platform.json.Json;
import com.example.platform.observability.CorrelationId;

/** Builds API Gateway proxy answers: JSON bodies and problem+json errors, never a stack trace. */
public final class ApiResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);

    private ApiResponses() {
    }

    /**
     * Runs an endpoint. Whatever it throws is logged with its stack trace and answered as a bare
     * 500 problem; every answer carries the correlation id the request was handled under.
     */
    public static APIGatewayProxyResponseEvent answer(ApiRequest request, CorrelationId correlationId,
                                                      Supplier<APIGatewayProxyResponseEvent> endpoint) {
        APIGatewayProxyResponseEvent response;
        try {
            response = endpoint.get();
        } catch (RuntimeException unexpected) {
            LOG.error("Request failed", unexpected);
            response = problem(Problem.of("/problems/internal-error", "The request could not be completed", 500,
                    "Retry later; quote the correlation id if it keeps failing.", request.path(),
                    correlationId.value()));
        }
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
        headers.put(CorrelationId.HEADER, correlationId.value());
        return response.withHeaders(headers);
    }

    public static APIGatewayProxyResponseEvent json(int status, Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(all).withBody(Json.write(body));
    }

    public static APIGatewayProxyResponseEvent problem(Problem problem) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(problem.status())
                .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE))
                .withBody(Json.write(problem));
    }
}
