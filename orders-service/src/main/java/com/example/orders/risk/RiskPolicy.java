package com.example.orders.risk;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The business rules. An order is rejected when its total or its item count is above the reject
 * limit; it goes to a human when either is above the review limit or when its currency has no
 * limits; otherwise it is approved. Every rule that fired is named in the reasons.
 */
public final class RiskPolicy {

    public RiskAssessment assess(OrderSummary order, RiskThresholds thresholds) {
        List<String> rejections = new ArrayList<>();
        List<String> reviews = new ArrayList<>();
        String currency = order.currency().getCurrencyCode();
        Optional<BigDecimal> rejectAbove = thresholds.rejectAbove(currency);
        Optional<BigDecimal> reviewAbove = thresholds.reviewAbove(currency);

        rejectAbove.filter(limit -> order.total().compareTo(limit) > 0).ifPresent(limit ->
                rejections.add("total " + order.totalText() + " is above the limit of " + limit.toPlainString() + " " + currency));
        if (order.itemCount() > thresholds.rejectItemsAbove()) {
            rejections.add(order.itemCount() + " items is above the limit of " + thresholds.rejectItemsAbove());
        }
        if (rejectAbove.isEmpty() || reviewAbove.isEmpty()) {
            reviews.add("no risk limits are configured for " + currency);
        }
        reviewAbove.filter(limit -> order.total().compareTo(limit) > 0).ifPresent(limit ->
                reviews.add("total " + order.totalText() + " is above the review threshold of " + limit.toPlainString() + " " + currency));
        if (order.itemCount() > thresholds.reviewItemsAbove()) {
            reviews.add(order.itemCount() + " items is above the review threshold of " + thresholds.reviewItemsAbove());
        }

        if (!rejections.isEmpty()) {
            return new RiskAssessment(RiskDecision.REJECT, rejections);
        }
        if (!reviews.isEmpty()) {
            return new RiskAssessment(RiskDecision.REVIEW, reviews);
        }
        return new RiskAssessment(RiskDecision.APPROVE, List.of("within every limit for " + currency));
    }
}
