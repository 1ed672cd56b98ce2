package com.example.orders.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.platform.json.Json;

class RiskCheckTest {

    private final RiskCheck riskCheck = new RiskCheck(() -> new RiskThresholds(Map.of("EUR", new BigDecimal("1000.00")),
            Map.of("EUR", new BigDecimal("20000.00")), 100, 1000), new RiskPolicy());

    private static String orderPlaced(String amount, String itemCount) {
        return """
                {"metadata":{"eventId":"e-1","schemaVersion":"1","correlationId":"corr-1","causationId":"req-1",
                 "occurredAt":"2026-11-23T10:00:00Z"},
                 "data":{"orderId":"4f6b1a2c-8d3e-5f70-9a1b-2c3d4e5f6a7b","customerId":"c-1","channel":"API",
                 "total":{"amount":"%s","currency":"EUR"},"itemCount":"%s","placedAt":"2026-11-23T10:00:00Z"}}
                """.formatted(amount, itemCount);
    }

    @Test
    void anOrderPlacedDetailIsAssessed() {
        RiskAssessment assessment = riskCheck.assess(Json.parse(orderPlaced("1500.00", "2")));

        assertThat(assessment.decision()).isEqualTo(RiskDecision.REVIEW);
    }

    @Test
    void somethingThatIsNotAnOrderPlacedV1DetailIsRefusedSayingWhy() {
        assertThatThrownBy(() -> riskCheck.assess(Json.parse(orderPlaced("-5", "two"))))
                .isInstanceOf(InvalidOrderPlacedEvent.class)
                .hasMessageContaining("/data/total/amount")
                .hasMessageContaining("/data/itemCount");
        assertThatThrownBy(() -> riskCheck.assess(Json.parse("{\"order\":{}}")))
                .isInstanceOf(InvalidOrderPlacedEvent.class)
                .hasMessageContaining("/data");
    }
}
