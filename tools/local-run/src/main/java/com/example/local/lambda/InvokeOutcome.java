package com.example.local.lambda;

/** What the Lambda service answers an Invoke call. */
public sealed interface InvokeOutcome {

    /** A synchronous invocation ran; its result says how it ended. */
    record Completed(InvocationResult result, String executedVersion) implements InvokeOutcome {
    }

    /** An asynchronous invocation was queued (HTTP 202). */
    record Queued() implements InvokeOutcome {
    }

    /** The service refused the call before any function ran, as Lambda does with these errors. */
    record Refused(int status, String errorType, String message) implements InvokeOutcome {

        static Refused notFound(String reference) {
            return new Refused(404, "ResourceNotFoundException", "Function not found: " + reference);
        }

        static Refused throttled() {
            return new Refused(429, "TooManyRequestsException", "Rate Exceeded.");
        }

        static Refused tooLarge(int bytes, int limit) {
            return new Refused(413, "RequestEntityTooLargeException",
                    bytes + " byte payload is too large for this invocation type (limit " + limit + " bytes)");
        }
    }
}
