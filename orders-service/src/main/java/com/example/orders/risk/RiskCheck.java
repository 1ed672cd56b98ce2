package com.example.orders.risk;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.function.Supplier;

import com.example.platform.contracts.JsonContract;
import com.example.platform.http.Problem.Violation;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Assesses an order from its OrderPlaced detail: the detail is held to the event's contract first
 * (this is the consuming side of that contract), then the policy runs with the current thresholds.
 */
public final class RiskCheck {

    static final String CONTRACT = "contracts/events/order-placed.v1.schema.json";

    private final JsonContract contract;
    private final Supplier<RiskThresholds> thresholds;
    private final RiskPolicy policy;

    public RiskCheck(Supplier<RiskThresholds> thresholds, RiskPolicy policy) {
        this.contract = JsonContract.fromClasspath(CONTRACT);
        this.thresholds = thresholds;
        this.policy = policy;
    }

    public RiskAssessment assess(JsonNode orderPlaced) {
        List<Violation> violations = contract.violations(orderPlaced);
        if (!violations.isEmpty()) {
            throw new InvalidOrderPlacedEvent(violations);
        }
        return policy.assess(summary(orderPlaced.get("data")), thresholds.get());
    }

    private static OrderSummary summary(JsonNode data) {
        return new OrderSummary(data.get("orderId").asText(), data.get("customerId").asText(),
                new BigDecimal(data.at("/total/amount").asText()),
                Currency.getInstance(data.at("/total/currency").asText()),
                Integer.parseInt(data.get("itemCount").asText()));
    }
}
