package com.example.orders.intake;

import java.util.List;
import java.util.stream.Collectors;

import com.example.platform.contracts.JsonContract;
import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;
import com.example.platform.json.MalformedJsonException;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads an intake queue message: OrderSubmitted as EventBridge delivered it, held to the v1 contract. */
public final class OrderSubmittedReader {

    static final String CONTRACT = "contracts/events/order-submitted.v1.schema.json";

    private final JsonContract contract = JsonContract.fromClasspath(CONTRACT);

    public SubmittedOrder read(String messageBody) {
        JsonNode event;
        try {
            event = Json.parse(messageBody);
        } catch (MalformedJsonException malformed) {
            throw new UnplaceableSubmission("the message is not JSON: " + malformed.getMessage());
        }
        if (!"OrderSubmitted".equals(event.path("detail-type").asText())
                || !"com.example.ingestion".equals(event.path("source").asText())) {
            throw new UnplaceableSubmission("expected OrderSubmitted from com.example.ingestion, got "
                    + event.path("detail-type").asText("nothing") + " from " + event.path("source").asText("nowhere"));
        }
        JsonNode detail = event.path("detail");
        List<Violation> violations = contract.violations(detail);
        if (!violations.isEmpty()) {
            throw new UnplaceableSubmission("the detail breaks the OrderSubmitted v1 contract: " + violations.stream()
                    .map(violation -> violation.location() + " " + violation.detail()).collect(Collectors.joining("; ")));
        }
        JsonNode data = detail.get("data");
        return new SubmittedOrder(data.get("partnerId").asText(), data.get("partnerOrderRef").asText(), data.get("order"),
                detail.at("/metadata/eventId").asText(), detail.at("/metadata/correlationId").asText());
    }
}
