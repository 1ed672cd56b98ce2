package com.example.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LambdaEnvironmentTest {

    private final LambdaEnvironment environment = LambdaEnvironment.of(Map.of("TABLE", "orders", "BLANK", " "));

    @Test
    void aMissingRequiredVariableIsNamedInTheError() {
        assertThatThrownBy(() -> environment.required("QUEUE_URL"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QUEUE_URL");
    }

    @Test
    void aBlankVariableCountsAsUnset() {
        assertThat(environment.optional("BLANK")).isEmpty();
        assertThat(environment.required("TABLE")).isEqualTo("orders");
    }
}
