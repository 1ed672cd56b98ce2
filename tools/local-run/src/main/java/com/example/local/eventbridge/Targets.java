package com.example.local.eventbridge;

import java.util.Map;

/** Where EventBridge delivers: the services behind target and dead-letter ARNs. */
public interface Targets {

    /** Delivers the event to the target's ARN, or throws {@link DeliveryFailure}. */
    void deliver(String targetArn, String event);

    /** Sends an undeliverable event to a dead-letter queue with EventBridge's message attributes. */
    void deadLetter(String queueArn, String event, Map<String, String> attributes);

    /** Whether EventBridge can deliver to this kind of ARN here (checked when a target is put). */
    boolean supports(String targetArn);
}
