package com.example.local.lambda.handlers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** Answers with what it was given, and says so in its log with its environment's view of itself. */
public final class EchoHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        System.out.println("echoing " + event.length + " bytes for " + context.getAwsRequestId()
                + " of " + context.getInvokedFunctionArn() + " in " + System.getenv("AWS_LAMBDA_FUNCTION_NAME")
                + " with " + context.getMemoryLimitInMB() + " MB, trace " + System.getProperty("com.amazonaws.xray.traceHeader"));
        String answer = new String(event, StandardCharsets.UTF_8);
        if (answer.contains("\"exit\"")) {
            System.exit(3);
        }
        if (answer.contains("\"sleep\"") || answer.contains("\"work\"")) {
            try {
                Thread.sleep(answer.contains("\"work\"") ? 700 : 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.contains("\"fail\"")) {
            throw new IllegalStateException("asked to fail");
        }
        if (answer.contains("\"environment\"")) {
            answer = "{\"variables\":" + com.example.local.lambda.handlers.Environment.json() + "}";
        }
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
