package com.example.platform.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.example.platform.http.Problem.Violation;
import com.example.platform.money.Money;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every rule an order request meets, whichever entry point receives it: the API, the orders intake
 * queue, or a line of a partner file. The structure is the request's JSON Schema (the one API
 * Gateway validates with); what a schema cannot say is checked here: a real ISO currency, one of the
 * accepted currencies, no more decimals than the currency has, one line per SKU. Sharing one
 * implementation is what makes a partner line rejected by ingestion exactly when placing it would fail.
 */
public final class OrderRequestContract {

    static final String SCHEMA = "contracts/api/place-order-request.schema.json";

    private final JsonContract schema = JsonContract.fromClasspath(SCHEMA);

    /** Everything wrong with the request, located by JSON Pointer; empty when it can be placed. */
    public List<Violation> violations(JsonNode request, Set<String> acceptedCurrencies) {
        List<Violation> structural = schema.violations(request);
        if (!structural.isEmpty()) {
            return structural;
        }
        List<Violation> violations = new ArrayList<>();
        duplicateSkus(request.get("lines"), violations);
        currency(request.get("currency").asText(), acceptedCurrencies, violations)
                .ifPresent(currency -> amounts(request.get("lines"), currency, violations));
        return violations;
    }

    private static Optional<Currency> currency(String code, Set<String> accepted, List<Violation> violations) {
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            violations.add(new Violation("/currency", code + " is not an ISO 4217 currency code"));
            return Optional.empty();
        }
        if (!accepted.contains(code)) {
            violations.add(new Violation("/currency", "orders are not accepted in " + code + "; accepted: "
                    + String.join(", ", accepted.stream().sorted().toList())));
            return Optional.empty();
        }
        return Optional.of(currency);
    }

    private static void duplicateSkus(JsonNode lines, List<Violation> violations) {
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < lines.size(); index++) {
            String sku = lines.get(index).get("sku").asText();
            if (!seen.add(sku)) {
                violations.add(new Violation("/lines/" + index + "/sku",
                        "SKU " + sku + " is already on another line; put the whole quantity on one line"));
            }
        }
    }

    private static void amounts(JsonNode lines, Currency currency, List<Violation> violations) {
        for (int index = 0; index < lines.size(); index++) {
            if (!Money.fitsScale(new BigDecimal(lines.get(index).get("unitPrice").asText()), currency)) {
                int decimals = currency.getDefaultFractionDigits();
                violations.add(new Violation("/lines/" + index + "/unitPrice", currency.getCurrencyCode()
                        + " amounts have " + (decimals == 0 ? "no decimals" : "at most " + decimals + " decimals")));
            }
        }
    }
}
