package com.example.platform.http;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.platform.aws.LambdaEvents;
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

    /** The same, from the invocation's stream: the route's handler is a {@code RequestStreamHandler} ({@link LambdaEvents}). */
    default void invoke(InputStream event, OutputStream answer, Context context) {
        LambdaEvents.write(answer, invoke(LambdaEvents.read(event, APIGatewayProxyRequestEvent.class), context));
    }

    /** SnapStart priming of what every request of the route reads and writes: the API Gateway event and answer. */
    static void primeEventPath() {
        LambdaEvents.prime(APIGatewayProxyRequestEvent.class, new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody("{}"));
    }
}
