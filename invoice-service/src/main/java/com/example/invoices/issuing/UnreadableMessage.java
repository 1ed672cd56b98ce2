package com.example.invoices.issuing;

/**
 * A message that is not an OrderConfirmed v1 event. It fails every time, so after the queue's
 * maxReceiveCount it lands in the dead-letter queue; this message says why.
 */
public final class UnreadableMessage extends RuntimeException {

    public UnreadableMessage(String reason) {
        super(reason);
    }
}
