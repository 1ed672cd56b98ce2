package com.example.platform.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.platform.observability.CorrelationId;
import com.example.platform.observability.Observability;

/** One route of an API: plain request in, answer out; {@link #invoke} does what every route needs around it. */
@FunctionalInterface
public interface ApiEndpoint {

    APIGatewayProxyResponseEvent handle(ApiRequest request, CorrelationId correlationId);

    /**
     * One API Gateway invocation: the caller's correlation id (or a new one), Powertools logging and
     * metrics around the call, and anything unexpected answered as a 500 problem.
     */
    default APIGatewayProxyResponseEvent invoke(APIGatewayProxyRequestEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        CorrelationId correlationId = CorrelationId.fromCaller(request.header(CorrelationId.HEADER));
        return Observability.observe(context, correlationId,
                () -> ApiResponses.answer(request, correlationId, () -> handle(request, correlationId)));
    }
}
