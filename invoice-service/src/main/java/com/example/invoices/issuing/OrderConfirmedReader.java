package com.example.invoices.issuing;

import java.math.BigDecimal;
import java.util.Currency;

import com.example.platform.contracts.EventContract;
import com.example.platform.contracts.Reading;
import com.example.platform.money.Money;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an invoice queue message: the OrderConfirmed event as EventBridge delivered it, whose detail
 * must meet the OrderConfirmed v1 contract (the consuming side of that contract).
 */
public final class OrderConfirmedReader {

    static final String CONTRACT = "contracts/events/order-confirmed.v1.schema.json";

    private final EventContract contract =
            EventContract.fromClasspath("com.example.orders.fulfilment", "OrderConfirmed", CONTRACT);

    public ConfirmedOrder read(String messageBody) {
        return switch (contract.detail(messageBody)) {
            case Reading.Valid<JsonNode>(JsonNode detail) -> confirmedOrder(detail);
            case Reading.Invalid<JsonNode>(var violations) -> throw new UnreadableMessage(contract.explain(violations));
        };
    }

    private static ConfirmedOrder confirmedOrder(JsonNode detail) {
        JsonNode data = detail.get("data");
        return new ConfirmedOrder(data.get("orderId").asText(), data.get("customerId").asText(),
                new Money(new BigDecimal(data.at("/total/amount").asText()),
                        Currency.getInstance(data.at("/total/currency").asText())),
                detail.at("/metadata/eventId").asText(), detail.at("/metadata/correlationId").asText());
    }
}
