package com.example.local.lambda;

import java.time.Instant;
import java.util.UUID;

/**
 * One invocation as the Runtime API hands it to a runtime: the request id, the event, when it must
 * be answered by, which function (and qualifier) was invoked, and the X-Ray trace header.
 */
public record Invocation(String requestId, byte[] payload, Instant deadline, String invokedFunctionArn, String traceHeader) {

    public static Invocation of(byte[] payload, Instant deadline, String invokedFunctionArn, String traceHeader) {
        return new Invocation(UUID.randomUUID().toString(), payload, deadline, invokedFunctionArn, traceHeader);
    }
}
