package com.example.orders.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import com.example.orders.domain.OrderLine;
import com.example.platform.contracts.OrderRequestContract;
import com.example.platform.contracts.Reading;
import com.example.platform.contracts.Reading.Invalid;
import com.example.platform.contracts.Reading.Valid;
import com.example.platform.http.Problem.Violation;
import com.example.platform.money.Money;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns an untrusted JSON document into an {@link OrderRequest}, or says everything that is wrong
 * with it, by the rules every entry point shares ({@link OrderRequestContract}).
 */
public final class OrderRequestReader {

    private final OrderRequestContract contract = new OrderRequestContract();
    private final AcceptedCurrencies acceptedCurrencies;

    public OrderRequestReader(AcceptedCurrencies acceptedCurrencies) {
        this.acceptedCurrencies = acceptedCurrencies;
    }

    public Reading<OrderRequest> read(JsonNode document) {
        List<Violation> violations = contract.violations(document, acceptedCurrencies.codes());
        if (!violations.isEmpty()) {
            return new Invalid<>(violations);
        }
        Currency currency = Currency.getInstance(document.get("currency").asText());
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode line : document.get("lines")) {
            lines.add(new OrderLine(line.get("sku").asText(), line.get("quantity").asInt(),
                    new Money(new BigDecimal(line.get("unitPrice").asText()), currency)));
        }
        return new Valid<>(new OrderRequest(document.get("customerId").asText(), currency, lines));
    }
}
