package com.example.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** An input transformer gives a target what its template says, as EventBridge renders it. */
class InputTransformerTest {

    private static final String EVENT = """
            {"id": "e-1", "detail-type": "OrderPlaced", "source": "com.example.orders", "time": "2026-12-08T10:00:00Z",
             "detail": {"metadata": {"correlationId": "web \\"5521\\""}, "data": {"itemCount": 2}}}""";

    @Test
    void aVariableInAStringGivesItsTextAndOutsideOneItsJson() {
        InputTransformer transformer = new InputTransformer(Map.of("time", "$.time", "type", "$.detail-type",
                "correlation", "$.detail.metadata.correlationId", "count", "$.detail.data.itemCount"),
                "{\"timestamp\": <time>, \"message\": \"<type> correlation <correlation>\", \"count\": <count>}");

        assertThat(transformer.render(EVENT)).isEqualTo(
                "{\"timestamp\": \"2026-12-08T10:00:00Z\", \"message\": \"OrderPlaced correlation web \\\"5521\\\"\", \"count\": 2}");
    }

    @Test
    void aPathTheEventLacksGivesAnEmptyTextOrNullAndTheEventIsStillDelivered() {
        InputTransformer transformer = new InputTransformer(Map.of("missing", "$.detail.metadata.causationId"),
                "{\"message\": \"caused by <missing>\", \"raw\": <missing>}");

        assertThat(transformer.render(EVENT)).isEqualTo("{\"message\": \"caused by \", \"raw\": null}");
    }

    @Test
    void aTemplateUsingAVariableTheMapDoesNotDefineIsRefused() {
        assertThatThrownBy(() -> new InputTransformer(Map.of("id", "$.id"), "<id> <type>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<type>");
        assertThatThrownBy(() -> new InputTransformer(Map.of("id", "$..id"), "<id>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported path");
    }
}
