package com.example.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CorrelationIdTest {

    @Test
    void aSafeCallerIdIsKept() {
        assertThat(CorrelationId.fromCaller(Optional.of("checkout-42:retry.1")).value()).isEqualTo("checkout-42:retry.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "quote\"injection", "line\nbreak", "-leading-dash"})
    void anUnsafeCallerIdIsReplacedByAFreshOne(String unsafe) {
        CorrelationId id = CorrelationId.fromCaller(Optional.of(unsafe));
        assertThat(id.value()).isNotEqualTo(unsafe).matches("[0-9a-f-]{36}");
    }

    @Test
    void anOverlongCallerIdIsReplaced() {
        assertThat(CorrelationId.fromCaller(Optional.of("a".repeat(129))).value()).hasSize(36);
    }

    @Test
    void noCallerIdGivesAFreshOneEachTime() {
        assertThat(CorrelationId.fromCaller(Optional.empty())).isNotEqualTo(CorrelationId.fromCaller(Optional.empty()));
    }
}
