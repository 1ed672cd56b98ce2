package com.example.local.apigateway;

import java.util.List;
import java.util.Optional;

import com.example.local.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * A request model of the API (a JSON Schema, draft 4, as API Gateway takes it) and the body
 * validation API Gateway does with it before any function runs. The messages are worded as API
 * Gateway's validator words them ({@code object has missing required properties (["lines"])}),
 * because a gateway response template renders them: what the local API answers is what a caller
 * of the deployed API gets, quotes and escaping included.
 */
public final class RequestModel {

    private final String name;
    private final JsonSchema schema;

    public RequestModel(String name, JsonNode schema) {
        this.name = name;
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    }

    public String name() {
        return name;
    }

    /** Why the body fails the model, as API Gateway's {@code validationErrorString}; empty when it passes. */
    public Optional<String> violations(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : Json.parse(body);
        } catch (IllegalArgumentException malformed) {
            json = null;
        }
        if (json == null) {
            return Optional.of("[Invalid input: the request body is not JSON]");
        }
        List<String> messages = schema.validate(json).stream().map(RequestModel::worded).sorted().toList();
        return messages.isEmpty() ? Optional.empty() : Optional.of("[" + String.join(", ", messages) + "]");
    }

    /** A violation in API Gateway's words. */
    static String worded(ValidationMessage violation) {
        JsonNode instance = violation.getInstanceNode();
        JsonNode rule = violation.getSchemaNode();
        return switch (violation.getType()) {
            case "required" -> "object has missing required properties ([\"" + violation.getProperty() + "\"])";
            case "additionalProperties" -> "object instance has properties which are not allowed by the schema: [\""
                    + violation.getProperty() + "\"]";
            case "pattern" -> "ECMA 262 regex \"" + rule.asText() + "\" does not match input string \"" + instance.asText() + "\"";
            case "type" -> "instance type (" + type(instance) + ") does not match any allowed primitive type (allowed: "
                    + (rule.isArray() ? rule.toString() : "[\"" + rule.asText() + "\"]") + ")";
            case "enum" -> "instance value (" + instance + ") not found in enum (possible values: " + rule + ")";
            case "minItems" -> "array is too short: must have at least " + rule.asInt() + " elements but instance has "
                    + instance.size() + " elements";
            case "maxItems" -> "array is too long: must have at most " + rule.asInt() + " elements but instance has "
                    + instance.size() + " elements";
            case "minimum" -> "numeric instance is lower than the required minimum (minimum: " + rule + ", found: " + instance + ")";
            case "maximum" -> "numeric instance is greater than the required maximum (maximum: " + rule + ", found: " + instance + ")";
            case "minLength" -> "string \"" + instance.asText() + "\" is too short (length: " + instance.asText().length()
                    + ", required minimum: " + rule.asInt() + ")";
            case "maxLength" -> "string \"" + instance.asText() + "\" is too long (length: " + instance.asText().length()
                    + ", maximum allowed: " + rule.asInt() + ")";
            default -> violation.getMessage();
        };
    }

    private static String type(JsonNode instance) {
        if (instance.isIntegralNumber()) {
            return "integer";
        }
        if (instance.isNumber()) {
            return "number";
        }
        return switch (instance.getNodeType()) {
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT -> "object";
            case NULL -> "null";
            default -> instance.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
