package com.example.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.example.local.Json;

/** Gateway responses render as API Gateway renders them, its JavaScript escaping included. */
class GatewayResponsesTest {

    private static final String PROBLEM = "{\"detail\":\"$util.escapeJavaScript($context.error.validationErrorString)\","
            + "\"instance\":\"$context.path\"}";

    @Test
    void escapeJavaScriptEscapesAnApostropheAsJavaScriptDoesWhichJsonRefuses() {
        String rendered = GatewayResponses.render(PROBLEM, Map.of("error.validationErrorString", "string \"o'brien\"",
                "path", "/dev/orders"));

        assertThat(rendered).isEqualTo("{\"detail\":\"string \\\"o\\'brien\\\"\",\"instance\":\"/dev/orders\"}");
        assertThat(isJson(rendered)).as("API Gateway's escaping of ' is not JSON").isFalse();
    }

    @Test
    void aReplaceAllAfterTheEscapeIsAppliedAsVtlAppliesIt() {
        String template = "{\"detail\":\"$util.escapeJavaScript($context.error.validationErrorString).replaceAll(\"\\\\'\",\"'\")\"}";

        String rendered = GatewayResponses.render(template, Map.of("error.validationErrorString", "string \"o'brien\""));

        assertThat(rendered).isEqualTo("{\"detail\":\"string \\\"o'brien\\\"\"}");
        assertThat(Json.parse(rendered).path("detail").asText()).isEqualTo("string \"o'brien\"");
    }

    @Test
    void aTypeTheApiDoesNotDefineFallsBackToItsDefault4xxWithTheTypesStatus() {
        GatewayResponses responses = new GatewayResponses(Map.of("DEFAULT_4XX", new GatewayResponses.Definition(Optional.empty(),
                Map.of("application/json", "{\"title\":\"$context.error.message\"}"),
                Map.of("Content-Type", "'application/problem+json'"))));

        GatewayResponses.Answer answer = responses.answer(GatewayResponses.Type.REQUEST_TOO_LARGE, 413,
                Map.of("error.message", "Request Too Long"));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).isEqualTo("{\"title\":\"Request Too Long\"}");
    }

    @Test
    void withoutAnyDefinitionTheBodyIsApiGatewaysOwnMessage() {
        GatewayResponses.Answer answer = new GatewayResponses(Map.of()).answer(GatewayResponses.Type.THROTTLED, 429,
                Map.of("error.message", "Too Many Requests"));

        assertThat(answer.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    }

    private static boolean isJson(String text) {
        try {
            Json.parse(text);
            return true;
        } catch (IllegalArgumentException notJson) {
            return false;
        }
    }
}
