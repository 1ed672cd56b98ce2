package com.example.orders.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RiskPolicyTest {

    private static final RiskThresholds THRESHOLDS = new RiskThresholds(
            Map.of("EUR", new BigDecimal("1000.00"), "JPY", new BigDecimal("150000")),
            Map.of("EUR", new BigDecimal("20000.00"), "JPY", new BigDecimal("3000000")), 100, 1000);

    private final RiskPolicy policy = new RiskPolicy();

    private static OrderSummary order(String total, String currency, int items) {
        return new OrderSummary("o-1", "c-1", new BigDecimal(total), Currency.getInstance(currency), items);
    }

    @Test
    void anOrderWithinEveryLimitIsApproved() {
        RiskAssessment assessment = policy.assess(order("1000.00", "EUR", 100), THRESHOLDS);

        assertThat(assessment.decision()).isEqualTo(RiskDecision.APPROVE);
        assertThat(assessment.reasons()).containsExactly("within every limit for EUR");
    }

    @Test
    void aTotalAboveTheReviewThresholdGoesToReview() {
        RiskAssessment assessment = policy.assess(order("1000.01", "EUR", 1), THRESHOLDS);

        assertThat(assessment.decision()).isEqualTo(RiskDecision.REVIEW);
        assertThat(assessment.reasons()).containsExactly("total 1000.01 EUR is above the review threshold of 1000.00 EUR");
    }

    @Test
    void manyItemsGoToReviewAndTooManyAreRejected() {
        assertThat(policy.assess(order("10.00", "EUR", 101), THRESHOLDS).decision()).isEqualTo(RiskDecision.REVIEW);
        assertThat(policy.assess(order("10.00", "EUR", 1001), THRESHOLDS).reasons())
                .containsExactly("1001 items is above the limit of 1000");
    }

    @Test
    void rejectionWinsOverReviewAndNamesEveryRuleThatFired() {
        RiskAssessment assessment = policy.assess(order("25000.00", "EUR", 2000), THRESHOLDS);

        assertThat(assessment.decision()).isEqualTo(RiskDecision.REJECT);
        assertThat(assessment.reasons()).containsExactly(
                "total 25000.00 EUR is above the limit of 20000.00 EUR", "2000 items is above the limit of 1000");
    }

    @Test
    void limitsArePerCurrency() {
        assertThat(policy.assess(order("5000", "JPY", 1), THRESHOLDS).decision()).isEqualTo(RiskDecision.APPROVE);
        assertThat(policy.assess(order("160000", "JPY", 1), THRESHOLDS).decision()).isEqualTo(RiskDecision.REVIEW);
    }

    @Test
    void aCurrencyWithoutLimitsGoesToAHuman() {
        RiskAssessment assessment = policy.assess(order("1.00", "CHF", 1), THRESHOLDS);

        assertThat(assessment.decision()).isEqualTo(RiskDecision.REVIEW);
        assertThat(assessment.reasons()).containsExactly("no risk limits are configured for CHF");
    }
}
