package com.example.local.eventbridge;

import java.time.Duration;
import java.util.Optional;

/**
 * A rule's target as EventBridge holds it: where events go, how long and how often delivery is
 * retried, the dead-letter queue that receives what could not be delivered (the event as it was),
 * and what the target receives instead of the event, where an input transformer says.
 */
public record Target(String id, String arn, int maximumRetryAttempts, Duration maximumEventAge,
                     Optional<String> deadLetterArn, Optional<InputTransformer> input) {

    /** EventBridge's defaults: 185 attempts over 24 hours. */
    public static final int DEFAULT_RETRY_ATTEMPTS = 185;
    public static final Duration DEFAULT_EVENT_AGE = Duration.ofHours(24);

    /** A target that receives the event itself. */
    public Target(String id, String arn, int maximumRetryAttempts, Duration maximumEventAge, Optional<String> deadLetterArn) {
        this(id, arn, maximumRetryAttempts, maximumEventAge, deadLetterArn, Optional.empty());
    }

    /** What the target receives for an event. */
    public String inputFor(String event) {
        return input.map(transformer -> transformer.render(event)).orElse(event);
    }
}
