package com.example.local.lambda;

import java.nio.charset.StandardCharsets;

/** How an invocation that reached a function ended, with its {@code REPORT}. */
public sealed interface InvocationResult {

    InvocationReport report();

    /** What the environment printed during the invocation (its last 4 KB), as {@code --log-type Tail} returns it. */
    String logTail();

    /** The function answered; {@code payload} is its response. */
    record Answered(byte[] payload, InvocationReport report, String logTail) implements InvocationResult {
    }

    /**
     * The function raised an error, timed out or its runtime exited: Lambda answers the error object
     * with {@code X-Amz-Function-Error: Unhandled}.
     */
    record Failed(String errorType, byte[] payload, InvocationReport report, String logTail) implements InvocationResult {

        public String errorMessage() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }
}
