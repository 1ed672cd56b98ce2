package com.example.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void decimalsStayExact() {
        assertThat(Json.parse("{\"amount\":0.1}").get("amount").decimalValue()).isEqualTo(new BigDecimal("0.1"));
        assertThat(Json.write(Map.of("amount", new BigDecimal("1E+3")))).isEqualTo("{\"amount\":1000}");
    }

    @Test
    void instantsAreIsoStrings() {
        assertThat(Json.write(Map.of("at", Instant.parse("2026-11-23T10:00:00Z"))))
                .isEqualTo("{\"at\":\"2026-11-23T10:00:00Z\"}");
    }

    @Test
    void malformedOrEmptyDocumentsAreReportedWithAReason() {
        assertThatThrownBy(() -> Json.parse("{\"a\":")).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> Json.parse("")).isInstanceOf(MalformedJsonException.class)
                .hasMessage("the body is empty");
        assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(MalformedJsonException.class);
    }
}
