package com.example.local.eventbridge;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.local.Json;
import com.example.local.JsonTemplateText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A rule target's {@code InputTransformer} as EventBridge applies it: each {@code <name>} of the
 * template is the value at its path in {@code InputPathsMap} (dot notation, the subset EventBridge
 * documents); inside a JSON string it gives the value's text, escaped (EventBridge inserts it as it is,
 * so a value holding a quote breaks the JSON there: the values our templates log never hold one),
 * outside one its JSON. A path the event
 * does not have gives an empty text inside a string and {@code null} outside one, so an event that
 * lacks a field is still delivered. A template naming a variable the map does not define is refused
 * when the target is put, as EventBridge refuses it.
 */
public record InputTransformer(Map<String, String> paths, String template) {

    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.-]+)>");
    private static final Pattern PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+)*");

    public InputTransformer {
        paths = Map.copyOf(paths);
        paths.forEach((name, path) -> {
            if (!PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("InputPathsMap." + name + ": unsupported path " + path);
            }
        });
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            if (!paths.containsKey(placeholder.group(1))) {
                throw new IllegalArgumentException("InputTemplate uses <" + placeholder.group(1) + ">, which InputPathsMap does not define");
            }
        }
    }

    /** The text the target receives for {@code eventJson}. */
    public String render(String eventJson) {
        JsonNode event = Json.parse(eventJson);
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (placeholder.find()) {
            JsonNode value = select(event, paths.get(placeholder.group(1)));
            String replacement = JsonTemplateText.insideString(template, placeholder.start()) ? textOf(value) : Json.write(value);
            placeholder.appendReplacement(rendered, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(rendered);
        return rendered.toString();
    }

    private static JsonNode select(JsonNode event, String path) {
        JsonNode current = event;
        for (String step : path.substring(1).split("\\.")) {
            if (!step.isEmpty()) {
                current = current.path(step);
            }
        }
        return current.isMissingNode() ? NullNode.instance : current;
    }

    private static String textOf(JsonNode value) {
        return JsonTemplateText.escaped(value.isNull() ? "" : value.isValueNode() ? value.asText() : Json.write(value));
    }
}
