package com.example.ingestion.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.example.platform.contracts.JsonContract;
import com.example.platform.contracts.OrderRequestContract;
import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;
import com.example.platform.json.MalformedJsonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks one line of a partner file: JSON, an object, a partner order reference, and an order that
 * meets every rule of {@link OrderRequestContract}, the rules placement applies, so a line accepted
 * here is one placement will place.
 */
public final class PartnerLineReader {

    static final String LINE_CONTRACT = "contracts/files/partner-order-line.schema.json";
    static final String REFERENCE = "partnerOrderRef";

    private final JsonContract lineContract = JsonContract.fromClasspath(LINE_CONTRACT);
    private final OrderRequestContract orderContract = new OrderRequestContract();

    public sealed interface Outcome permits Accepted, Rejected {
    }

    public record Accepted(String partnerOrderRef, JsonNode order) implements Outcome {
    }

    public record Rejected(String reason) implements Outcome {
    }

    public Outcome read(String line, Set<String> acceptedCurrencies) {
        if (line.isBlank()) {
            return new Rejected("the line is blank");
        }
        JsonNode document;
        try {
            document = Json.parse(line);
        } catch (MalformedJsonException malformed) {
            return new Rejected("the line is not JSON: " + malformed.getMessage());
        }
        if (!document.isObject()) {
            return new Rejected("the line is not a JSON object");
        }
        List<Violation> violations = new ArrayList<>(lineContract.violations(document));
        ObjectNode order = ((ObjectNode) document).deepCopy();
        order.remove(REFERENCE);
        violations.addAll(orderContract.violations(order, acceptedCurrencies));
        if (!violations.isEmpty()) {
            return new Rejected(violations.stream().distinct()
                    .map(violation -> violation.location() + ": " + violation.detail())
                    .collect(Collectors.joining("; ")));
        }
        return new Accepted(document.get(REFERENCE).asText(), order);
    }
}
