package com.example.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

    @Test
    void theCheckpointRunsThePriming() {
        AtomicInteger runs = new AtomicInteger();
        SnapStartPriming priming = SnapStartPriming.register(this, runs::incrementAndGet);

        priming.beforeCheckpoint(null);

        assertThat(runs).hasValue(1);
        assertThat(priming.prime()).isTrue();
    }

    @Test
    void aFailingPrimingNeverFailsTheCheckpoint() {
        SnapStartPriming priming = SnapStartPriming.register(this, () -> {
            throw new IllegalStateException("no table yet");
        });

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThat(priming.prime()).isFalse();
    }
}
