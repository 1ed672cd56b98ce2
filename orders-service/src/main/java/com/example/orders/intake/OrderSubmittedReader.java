package com.example.orders.intake;

import com.example.platform.contracts.EventContract;
import com.example.platform.contracts.Reading;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads an intake queue message: OrderSubmitted as EventBridge delivered it, held to the v1 contract. */
public final class OrderSubmittedReader {

    static final String CONTRACT = "contracts/events/order-submitted.v1.schema.json";

    private final EventContract contract = EventContract.fromClasspath("com.example.ingestion", "OrderSubmitted", CONTRACT);

    public SubmittedOrder read(String messageBody) {
        return switch (contract.detail(messageBody)) {
            case Reading.Valid<JsonNode>(JsonNode detail) -> submittedOrder(detail);
            case Reading.Invalid<JsonNode>(var violations) -> throw new UnplaceableSubmission(contract.explain(violations));
        };
    }

    private static SubmittedOrder submittedOrder(JsonNode detail) {
        JsonNode data = detail.get("data");
        return new SubmittedOrder(data.get("partnerId").asText(), data.get("partnerOrderRef").asText(), data.get("order"),
                detail.at("/metadata/eventId").asText(), detail.at("/metadata/correlationId").asText());
    }
}
