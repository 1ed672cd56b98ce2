package com.example.orders.risk;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The limits the risk check applies, kept in Parameter Store so operations can tune them without a
 * deployment. Amounts are per currency (a limit means nothing without one); a currency with no
 * limits sends its orders to review.
 */
public record RiskThresholds(Map<String, BigDecimal> reviewAbove, Map<String, BigDecimal> rejectAbove,
                             int reviewItemsAbove, int rejectItemsAbove) {

    public RiskThresholds {
        reviewAbove = Map.copyOf(reviewAbove);
        rejectAbove = Map.copyOf(rejectAbove);
        if (reviewItemsAbove < 1 || rejectItemsAbove < reviewItemsAbove) {
            throw new IllegalArgumentException("Item limits must satisfy 1 <= reviewItemsAbove <= rejectItemsAbove, were "
                    + reviewItemsAbove + " and " + rejectItemsAbove);
        }
        for (Map.Entry<String, BigDecimal> review : reviewAbove.entrySet()) {
            BigDecimal reject = rejectAbove.get(review.getKey());
            if (review.getValue().signum() < 0 || (reject != null && reject.compareTo(review.getValue()) < 0)) {
                throw new IllegalArgumentException("Limits for " + review.getKey()
                        + " must satisfy 0 <= reviewAbove <= rejectAbove");
            }
        }
    }

    public Optional<BigDecimal> reviewAbove(String currency) {
        return Optional.ofNullable(reviewAbove.get(currency));
    }

    public Optional<BigDecimal> rejectAbove(String currency) {
        return Optional.ofNullable(rejectAbove.get(currency));
    }
}
