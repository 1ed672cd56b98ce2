package com.example.local;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waiting in the local run's background threads: a sleep that an interrupt ends (the interrupt
 * stays set for the caller's loop to see), and a bounded wait for a condition.
 */
public final class Pause {

    private Pause() {
    }

    /** Sleeps; false when interrupted, with the thread's interrupt flag set again. */
    public static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Checks {@code done} every {@code interval} until it holds or {@code limit} has passed; whether it holds. */
    public static boolean until(BooleanSupplier done, Duration limit, Duration interval) {
        Instant deadline = Instant.now().plus(limit);
        while (!done.getAsBoolean()) {
            if (!Instant.now().isBefore(deadline) || !sleep(interval)) {
                return done.getAsBoolean();
            }
        }
        return true;
    }
}
