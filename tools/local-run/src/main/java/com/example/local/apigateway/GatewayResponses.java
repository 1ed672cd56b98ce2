package com.example.local.apigateway;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.local.Json;

/**
 * API Gateway's gateway responses: the answer to a request that never reached a function (an
 * invalid body, an unknown route, a throttle, a failed integration). A response type takes the
 * API's own definition of it, else of DEFAULT_4XX or DEFAULT_5XX, else API Gateway's default body;
 * its template is rendered with the request's {@code $context}, {@code $util.escapeJavaScript}
 * escaping exactly as API Gateway's does (a {@code '} becomes {@code \'}).
 */
public final class GatewayResponses {

    /** The response types the local API raises, with API Gateway's default status for each. */
    public enum Type {
        BAD_REQUEST_BODY(400), ACCESS_DENIED(403), MISSING_AUTHENTICATION_TOKEN(403), REQUEST_TOO_LARGE(413), THROTTLED(429),
        INTEGRATION_FAILURE(504), INTEGRATION_TIMEOUT(504), DEFAULT_5XX(502);

        final int status;

        Type(int status) {
            this.status = status;
        }
    }

    /** A gateway response as the API defines it: a status (or none), templates by content type, headers. */
    public record Definition(Optional<Integer> status, Map<String, String> templates, Map<String, String> headers) {
    }

    /** The rendered answer. */
    public record Answer(int status, String contentType, Map<String, String> headers, String body) {
    }

    private static final Pattern ESCAPED = Pattern.compile(
            "\\$util\\.escapeJavaScript\\((\\$context\\.[A-Za-z0-9_.]+)\\)((?:\\.replaceAll\\(\"[^\"]*\",\"[^\"]*\"\\))*)");
    private static final Pattern REPLACE_ALL = Pattern.compile("\\.replaceAll\\(\"([^\"]*)\",\"([^\"]*)\"\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$context\\.([A-Za-z0-9_.]+)");
    private static final String DEFAULT_TEMPLATE = "{\"message\":$context.error.messageString}";

    private final Map<String, Definition> definitions;

    public GatewayResponses(Map<String, Definition> definitions) {
        this.definitions = Map.copyOf(definitions);
    }

    /** The answer for a response type, an error message and the request's context variables. */
    public Answer answer(Type type, int status, Map<String, String> context) {
        Definition definition = Optional.ofNullable(definitions.get(type.name()))
                .or(() -> Optional.ofNullable(definitions.get(status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX")))
                .orElse(new Definition(Optional.empty(), Map.of("application/json", DEFAULT_TEMPLATE), Map.of()));
        Map<String, String> variables = new LinkedHashMap<>(context);
        variables.put("error.responseType", type.name());
        variables.put("error.messageString", Json.write(variables.getOrDefault("error.message", "")));
        String template = definition.templates().getOrDefault("application/json", DEFAULT_TEMPLATE);
        Map<String, String> headers = new LinkedHashMap<>();
        definition.headers().forEach((name, value) -> headers.put(name, literal(value)));
        String contentType = headers.getOrDefault("Content-Type", "application/json");
        headers.remove("Content-Type");
        return new Answer(definition.status().orElse(status), contentType, headers, render(template, variables));
    }

    /**
     * Renders the {@code $context} variables and {@code $util.escapeJavaScript} calls of a template;
     * an escaped value may go through Java's {@code String.replaceAll}, as VTL lets a template do.
     */
    public static String render(String template, Map<String, String> context) {
        Matcher escaped = ESCAPED.matcher(template);
        StringBuilder first = new StringBuilder();
        while (escaped.find()) {
            String variable = escaped.group(1).substring("$context.".length());
            String value = escapeJavaScript(context.getOrDefault(variable, ""));
            Matcher replacement = REPLACE_ALL.matcher(escaped.group(2));
            while (replacement.find()) {
                value = value.replaceAll(replacement.group(1), replacement.group(2));
            }
            escaped.appendReplacement(first, Matcher.quoteReplacement(value));
        }
        escaped.appendTail(first);
        Matcher plain = VARIABLE.matcher(first.toString());
        StringBuilder rendered = new StringBuilder();
        while (plain.find()) {
            plain.appendReplacement(rendered, Matcher.quoteReplacement(context.getOrDefault(plain.group(1), "")));
        }
        plain.appendTail(rendered);
        return rendered.toString();
    }

    /** What API Gateway's {@code $util.escapeJavaScript} does: JavaScript string escaping, not JSON's. */
    public static String escapeJavaScript(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\'' -> escaped.append("\\'");
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '/' -> escaped.append("\\/");
                case '\b' -> escaped.append("\\b");
                case '\f' -> escaped.append("\\f");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> escaped.append(c < 0x20 || c > 0x7e ? String.format(Locale.ROOT, "\\u%04X", (int) c) : String.valueOf(c));
            }
        }
        return escaped.toString();
    }

    /** A header value in a gateway response is a quoted literal: {@code 'application/problem+json'}. */
    private static String literal(String value) {
        return value.length() >= 2 && value.startsWith("'") && value.endsWith("'") ? value.substring(1, value.length() - 1) : value;
    }
}
