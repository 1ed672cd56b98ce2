package com.example.invoices.issuing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.stream.Collectors;

import com.example.platform.contracts.JsonContract;
import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;
import com.example.platform.json.MalformedJsonException;
import com.example.platform.money.Money;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an invoice queue message: the OrderConfirmed event as EventBridge delivered it, whose detail
 * must meet the OrderConfirmed v1 contract (the consuming side of that contract).
 */
public final class OrderConfirmedReader {

    static final String CONTRACT = "contracts/events/order-confirmed.v1.schema.json";
    static final String SOURCE = "com.example.orders.fulfilment";
    static final String DETAIL_TYPE = "OrderConfirmed";

    private final JsonContract contract = JsonContract.fromClasspath(CONTRACT);

    public ConfirmedOrder read(String messageBody) {
        JsonNode event;
        try {
            event = Json.parse(messageBody);
        } catch (MalformedJsonException malformed) {
            throw new UnreadableMessage("the message is not JSON: " + malformed.getMessage());
        }
        if (!SOURCE.equals(event.path("source").asText()) || !DETAIL_TYPE.equals(event.path("detail-type").asText())) {
            throw new UnreadableMessage("expected " + DETAIL_TYPE + " from " + SOURCE + ", got "
                    + event.path("detail-type").asText("nothing") + " from " + event.path("source").asText("nowhere"));
        }
        JsonNode detail = event.path("detail");
        List<Violation> violations = contract.violations(detail);
        if (!violations.isEmpty()) {
            throw new UnreadableMessage("the detail breaks the OrderConfirmed v1 contract: " + violations.stream()
                    .map(violation -> violation.location() + " " + violation.detail())
                    .collect(Collectors.joining("; ")));
        }
        JsonNode data = detail.get("data");
        return new ConfirmedOrder(data.get("orderId").asText(), data.get("customerId").asText(),
                new Money(new BigDecimal(data.at("/total/amount").asText()),
                        Currency.getInstance(data.at("/total/currency").asText())),
                detail.at("/metadata/eventId").asText(), detail.at("/metadata/correlationId").asText());
    }
}
