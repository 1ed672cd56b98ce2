package com.example.local.eventbridge;

import java.time.Duration;
import java.util.Optional;

/**
 * A rule's target as EventBridge holds it: where events go, how long and how often delivery is
 * retried, and the dead-letter queue that receives what could not be delivered.
 */
public record Target(String id, String arn, int maximumRetryAttempts, Duration maximumEventAge,
                     Optional<String> deadLetterArn) {

    /** EventBridge's defaults: 185 attempts over 24 hours. */
    public static final int DEFAULT_RETRY_ATTEMPTS = 185;
    public static final Duration DEFAULT_EVENT_AGE = Duration.ofHours(24);
}
