package com.example.orders.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.example.platform.money.Money;
import com.example.orders.domain.OrderLine;
import com.example.platform.contracts.JsonContract;
import com.example.platform.contracts.Reading;
import com.example.platform.contracts.Reading.Invalid;
import com.example.platform.contracts.Reading.Valid;
import com.example.platform.http.Problem.Violation;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns an untrusted JSON document into an {@link OrderRequest}, or says everything that is wrong
 * with it. The structure is checked against the request contract (the same schema API Gateway
 * validates with); what a schema cannot say is checked here: real ISO currency, accepted
 * currency, the currency's decimals, one line per SKU.
 */
public final class OrderRequestReader {

    static final String CONTRACT = "contracts/api/place-order-request.schema.json";

    private final JsonContract contract;
    private final AcceptedCurrencies acceptedCurrencies;

    public OrderRequestReader(AcceptedCurrencies acceptedCurrencies) {
        this.contract = JsonContract.fromClasspath(CONTRACT);
        this.acceptedCurrencies = acceptedCurrencies;
    }

    public Reading<OrderRequest> read(JsonNode document) {
        List<Violation> structural = contract.violations(document);
        if (!structural.isEmpty()) {
            return new Invalid<>(structural);
        }
        List<Violation> violations = new ArrayList<>();
        Optional<Currency> currency = currency(document.get("currency").asText(), violations);
        duplicateSkus(document.get("lines"), violations);
        if (currency.isEmpty()) {
            return new Invalid<>(violations);
        }
        List<OrderLine> lines = lines(document.get("lines"), currency.get(), violations);
        if (!violations.isEmpty()) {
            return new Invalid<>(violations);
        }
        return new Valid<>(new OrderRequest(document.get("customerId").asText(), currency.get(), lines));
    }

    private Optional<Currency> currency(String code, List<Violation> violations) {
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            violations.add(new Violation("/currency", code + " is not an ISO 4217 currency code"));
            return Optional.empty();
        }
        Set<String> accepted = acceptedCurrencies.codes();
        if (!accepted.contains(code)) {
            violations.add(new Violation("/currency", "orders are not accepted in " + code + "; accepted: "
                    + String.join(", ", accepted)));
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

    private static List<OrderLine> lines(JsonNode lines, Currency currency, List<Violation> violations) {
        List<OrderLine> result = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            JsonNode line = lines.get(index);
            BigDecimal unitPrice = new BigDecimal(line.get("unitPrice").asText());
            if (!Money.fitsScale(unitPrice, currency)) {
                int decimals = currency.getDefaultFractionDigits();
                violations.add(new Violation("/lines/" + index + "/unitPrice", currency.getCurrencyCode()
                        + " amounts have " + (decimals == 0 ? "no decimals" : "at most " + decimals + " decimals")));
                continue;
            }
            result.add(new OrderLine(line.get("sku").asText(), line.get("quantity").asInt(),
                    new Money(unitPrice, currency)));
        }
        return result;
    }
}
