package com.example.local.pipes;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.local.Json;
import com.example.local.JsonTemplateText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Renders an EventBridge Pipes {@code InputTemplate} the way Pipes does: {@code <$.path>} and
 * {@code <aws.pipes.*>} placeholders are replaced with values from the event; inside a JSON string a
 * placeholder gives the value's text, outside one it gives the value's JSON. Supports the JSONPath
 * subset Pipes documents (dot notation and array indices). A placeholder with no value in the event
 * fails the rendering: in a real pipe it would publish an event that breaks its contract.
 */
public final class PipeInputTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("<(\\$[^<>]*|aws\\.pipes\\.[a-z.-]+)>");
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)]");

    private final String template;

    public PipeInputTemplate(String template) {
        this.template = template;
    }

    public String render(String eventJson, Map<String, String> reservedVariables) {
        JsonNode event = Json.parse(eventJson);
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (placeholder.find()) {
            String expression = placeholder.group(1);
            JsonNode value = expression.startsWith("$")
                    ? select(event, expression)
                    : new TextNode(reserved(reservedVariables, expression));
            String replacement = JsonTemplateText.insideString(template, placeholder.start()) ? textOf(expression, value)
                    : Json.write(value);
            placeholder.appendReplacement(rendered, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(rendered);
        return rendered.toString();
    }

    private static JsonNode select(JsonNode event, String path) {
        Matcher step = STEP.matcher(path.substring(1));
        JsonNode current = event;
        int consumed = 0;
        while (step.find()) {
            if (step.start() != consumed) {
                throw new IllegalArgumentException("Unsupported JSONPath " + path);
            }
            consumed = step.end();
            current = step.group(1) != null ? current.path(step.group(1)) : current.path(Integer.parseInt(step.group(2)));
        }
        if (consumed != path.length() - 1 || current.isMissingNode() || current.isNull()) {
            throw new IllegalArgumentException("The event has no value at " + path);
        }
        return current;
    }

    private static String reserved(Map<String, String> variables, String name) {
        String value = variables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("No value given for the reserved variable " + name);
        }
        return value;
    }

    /** A quoted placeholder takes a scalar's text, escaped for the JSON string it sits in. */
    private static String textOf(String expression, JsonNode value) {
        if (value.isContainerNode()) {
            throw new IllegalArgumentException(expression + " is an object or array but is quoted in the template");
        }
        return JsonTemplateText.escaped(value.asText());
    }
}
