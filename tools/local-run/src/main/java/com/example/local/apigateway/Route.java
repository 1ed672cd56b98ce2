package com.example.local.apigateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A method on a resource of the REST API ({@code POST /orders/{orderId}/review}), its Lambda proxy
 * integration (the function it invokes, with the qualifier SAM's integration names) and the model
 * its body is validated against, if any.
 */
public record Route(String method, String resourcePath, String functionLogicalId, String functionArn,
                    Optional<RequestModel> model) {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}+]+)(\\+?)}");

    /** The path parameters, when this route's resource matches the path; empty when it does not. */
    public Optional<Map<String, String>> match(String method, String path) {
        if (!this.method.equals("ANY") && !this.method.equalsIgnoreCase(method)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher parameter = PARAMETER.matcher(resourcePath);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(resourcePath.substring(last, parameter.start())));
            regex.append(parameter.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            names.add(parameter.group(1));
            last = parameter.end();
        }
        regex.append(Pattern.quote(resourcePath.substring(last))).append("$");
        Matcher matched = Pattern.compile(regex.toString()).matcher(path);
        if (!matched.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), java.net.URLDecoder.decode(matched.group(i + 1).replace("+", "%2B"),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(values);
    }

    /** How specific the resource is: literal segments count most, so {@code /orders/new} beats {@code /orders/{id}}. */
    int specificity() {
        return (int) resourcePath.chars().filter(c -> c == '/').count() * 10 - (int) PARAMETER.matcher(resourcePath).results().count();
    }
}
