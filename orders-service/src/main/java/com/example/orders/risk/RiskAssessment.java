package com.example.orders.risk;

import java.util.List;
import java.util.Objects;

/** A decision and every reason that led to it, in words a reviewer can act on. */
public record RiskAssessment(RiskDecision decision, List<String> reasons) {

    public RiskAssessment {
        Objects.requireNonNull(decision, "decision");
        reasons = List.copyOf(reasons);
    }
}
