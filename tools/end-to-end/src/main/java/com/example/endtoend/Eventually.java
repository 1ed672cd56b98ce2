package com.example.endtoend;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Asynchronous outcomes: read again until the expectation holds, or fail with the last reading. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T until(String expectation, Duration limit, Supplier<T> reading, Predicate<T> holds) {
        Instant deadline = Instant.now().plus(limit);
        T last = reading.get();
        while (!holds.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + limit + ": " + expectation + "; last read: " + last);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = reading.get();
        }
        return last;
    }
}
