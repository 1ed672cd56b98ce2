package com.example.platform.contracts;

import java.util.List;
import java.util.stream.Collectors;

import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;
import com.example.platform.json.MalformedJsonException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The consuming side of an event contract: an event as EventBridge delivers it (directly or through
 * an SQS queue) is accepted only with the expected source and detail-type and a detail that meets the
 * versioned schema in {@code contracts/events/}. Every consumer reads its events through one of these,
 * so a producer that drifts from the catalogue is caught the same way everywhere.
 */
public final class EventContract {

    private final String source;
    private final String detailType;
    private final JsonContract detailSchema;

    private EventContract(String source, String detailType, JsonContract detailSchema) {
        this.source = source;
        this.detailType = detailType;
        this.detailSchema = detailSchema;
    }

    public static EventContract fromClasspath(String source, String detailType, String detailSchemaResource) {
        return of(source, detailType, JsonContract.fromClasspath(detailSchemaResource));
    }

    public static EventContract of(String source, String detailType, JsonContract detailSchema) {
        return new EventContract(source, detailType, detailSchema);
    }

    /** Reads a queue message body holding the delivered event. */
    public Reading<JsonNode> detail(String messageBody) {
        try {
            return detail(Json.parse(messageBody));
        } catch (MalformedJsonException malformed) {
            return invalid("", "the message is not JSON: " + malformed.getMessage());
        }
    }

    /** The event's detail when the event is this contract's, otherwise where and why it is not. */
    public Reading<JsonNode> detail(JsonNode event) {
        if (!source.equals(event.path("source").asText()) || !detailType.equals(event.path("detail-type").asText())) {
            return invalid("/detail-type", "expected " + detailType + " from " + source + ", got "
                    + event.path("detail-type").asText("nothing") + " from " + event.path("source").asText("nowhere"));
        }
        JsonNode detail = event.path("detail");
        List<Violation> violations = detailSchema.violations(detail).stream()
                .map(violation -> new Violation("/detail" + violation.location(), violation.detail()))
                .toList();
        return violations.isEmpty() ? new Reading.Valid<>(detail) : new Reading.Invalid<>(violations);
    }

    /** One line for an exception or a log: which contract was broken and every way it was. */
    public String explain(List<Violation> violations) {
        return "not a " + detailType + " event under contract " + detailSchema.name() + ": " + violations.stream()
                .map(violation -> (violation.location().isEmpty() ? "" : violation.location() + " ") + violation.detail())
                .collect(Collectors.joining("; "));
    }

    private static Reading<JsonNode> invalid(String location, String detail) {
        return new Reading.Invalid<>(List.of(new Violation(location, detail)));
    }
}
