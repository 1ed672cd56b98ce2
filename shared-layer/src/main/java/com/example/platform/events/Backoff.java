package com.example.platform.events;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry n, wait a random time between zero and
 * min(cap, base * 2^(n-1)), so retries from many callers spread out instead of arriving together.
 */
public record Backoff(int attempts, Duration base, Duration cap) {

    /** Five attempts, waiting up to 0.1, 0.2, 0.4, 0.8 s between them. */
    public static final Backoff STANDARD = new Backoff(5, Duration.ofMillis(100), Duration.ofSeconds(2));

    public Backoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("At least one attempt, was " + attempts);
        }
    }

    /** The longest wait before the given retry (1 for the first retry). */
    public Duration ceiling(int retry) {
        long exponential = base.toMillis() << Math.min(retry - 1, 20);
        return Duration.ofMillis(Math.min(cap.toMillis(), exponential));
    }

    void pause(int retry) {
        long wait = ThreadLocalRandom.current().nextLong(ceiling(retry).toMillis() + 1);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while backing off", e);
        }
    }
}
