package com.example.orders.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.example.platform.json.Json;

class RiskThresholdsTest {

    @Test
    void theParameterDocumentReadsAsExactLimits() {
        RiskThresholds thresholds = Json.read("""
                {"reviewAbove":{"EUR":"1000.00"},"rejectAbove":{"EUR":"20000.00"},"reviewItemsAbove":100,"rejectItemsAbove":1000}
                """, RiskThresholds.class);

        assertThat(thresholds.reviewAbove("EUR")).contains(new BigDecimal("1000.00"));
        assertThat(thresholds.rejectAbove("USD")).isEmpty();
    }

    @Test
    void inconsistentLimitsAreRefusedWhenRead() {
        assertThatThrownBy(() -> Json.read("""
                {"reviewAbove":{"EUR":"5000"},"rejectAbove":{"EUR":"100"},"reviewItemsAbove":1,"rejectItemsAbove":2}
                """, RiskThresholds.class)).hasMessageContaining("EUR");
        assertThatThrownBy(() -> Json.read("""
                {"reviewAbove":{},"rejectAbove":{},"reviewItemsAbove":10,"rejectItemsAbove":5}
                """, RiskThresholds.class)).hasMessageContaining("reviewItemsAbove");
    }
}
