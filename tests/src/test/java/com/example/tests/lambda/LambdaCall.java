package com.example.tests.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.platform.json.Json;

/**
 * One invocation of a handler the way Lambda makes it: the event as JSON on the handler's input
 * stream, the answer read back from its output, so a test covers the function's own event reading.
 */
public final class LambdaCall {

    private LambdaCall() {
    }

    public static APIGatewayProxyResponseEvent api(RequestStreamHandler handler, APIGatewayProxyRequestEvent request,
            String functionName) {
        return Json.read(invoke(handler, Json.write(request), functionName), APIGatewayProxyResponseEvent.class);
    }

    public static SQSBatchResponse queue(RequestStreamHandler handler, SQSEvent batch, String functionName) {
        return Json.read(invoke(handler, Json.write(batch), functionName), SQSBatchResponse.class);
    }

    private static String invoke(RequestStreamHandler handler, String event, String functionName) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer,
                    TestLambdaContext.of(functionName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
