package com.example.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

class EventContractTest {

    private final EventContract contract = EventContract.of("com.example.shop", "ThingHappened",
            JsonContract.of("thing-happened.v1", Json.parse("""
                    {
                      "$schema": "http://json-schema.org/draft-07/schema#",
                      "type": "object",
                      "required": ["data"],
                      "properties": {
                        "data": {"type": "object", "required": ["thingId"], "properties": {"thingId": {"type": "string"}}}
                      }
                    }
                    """)));

    private static String event(String source, String detailType, String detail) {
        return "{\"source\":\"" + source + "\",\"detail-type\":\"" + detailType + "\",\"detail\":" + detail + "}";
    }

    @Test
    void theDetailOfAConformingEventIsWhatIsRead() {
        Reading<JsonNode> reading = contract.detail(event("com.example.shop", "ThingHappened", "{\"data\":{\"thingId\":\"t-1\"}}"));

        assertThat(reading).isInstanceOfSatisfying(Reading.Valid.class,
                valid -> assertThat(((JsonNode) valid.value()).at("/data/thingId").asText()).isEqualTo("t-1"));
    }

    @Test
    void anotherSourceOrDetailTypeIsRefusedNamingWhatArrived() {
        assertThat(violations(contract.detail(event("com.example.shop", "ThingUndone", "{}"))))
                .containsExactly(new Violation("/detail-type", "expected ThingHappened from com.example.shop, got ThingUndone from com.example.shop"));
        assertThat(violations(contract.detail(event("com.example.other", "ThingHappened", "{}"))))
                .extracting(Violation::detail).singleElement().asString().endsWith("from com.example.other");
        assertThat(violations(contract.detail(Json.parse("{}"))))
                .extracting(Violation::detail).singleElement().asString().endsWith("got nothing from nowhere");
    }

    @Test
    void detailViolationsPointIntoTheEventAndTheExplanationNamesTheContract() {
        List<Violation> violations = violations(contract.detail(event("com.example.shop", "ThingHappened", "{\"data\":{}}")));

        assertThat(violations).extracting(Violation::location).containsExactly("/detail/data/thingId");
        assertThat(contract.explain(violations))
                .startsWith("not a ThingHappened event under contract thing-happened.v1: /detail/data/thingId ");
    }

    @Test
    void aMessageThatIsNotJsonIsRefusedNotThrown() {
        List<Violation> violations = violations(contract.detail("{not json"));

        assertThat(violations).extracting(Violation::detail).singleElement().asString().startsWith("the message is not JSON");
        assertThat(contract.explain(violations)).contains(": the message is not JSON");
    }

    private static List<Violation> violations(Reading<JsonNode> reading) {
        assertThat(reading).isInstanceOf(Reading.Invalid.class);
        return ((Reading.Invalid<JsonNode>) reading).violations();
    }
}
