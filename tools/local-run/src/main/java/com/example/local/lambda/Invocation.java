package com.example.local.lambda;

import java.time.Duration;
import java.util.UUID;

/**
 * One invocation as the Runtime API hands it to a runtime: the request id, the event, the function's
 * timeout, which function (and qualifier) was invoked, and the X-Ray trace header. The deadline is
 * set when an execution environment takes the invocation, as in Lambda: time spent waiting for a
 * free environment of the local run does not count against the function's timeout.
 */
public record Invocation(String requestId, byte[] payload, Duration timeout, String invokedFunctionArn, String traceHeader) {

    public static Invocation of(byte[] payload, Duration timeout, String invokedFunctionArn, String traceHeader) {
        return new Invocation(UUID.randomUUID().toString(), payload, timeout, invokedFunctionArn, traceHeader);
    }
}
