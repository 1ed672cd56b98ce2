package com.example.local.eventbridge;

/**
 * A target refused or could not take an event. Throttling and service errors are retried;
 * anything else (the target does not exist, the call is invalid) goes to the dead-letter queue at once.
 */
public final class DeliveryFailure extends RuntimeException {

    private final String errorCode;
    private final boolean retryable;

    public DeliveryFailure(String errorCode, String message, boolean retryable) {
        super(message);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
