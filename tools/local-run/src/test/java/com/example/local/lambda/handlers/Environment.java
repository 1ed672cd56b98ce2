package com.example.local.lambda.handlers;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The process environment as JSON text, without a JSON library (the handler jar has none). */
final class Environment {

    private Environment() {
    }

    static String json() {
        Map<String, String> sorted = new TreeMap<>(System.getenv());
        return sorted.entrySet().stream()
                .map(entry -> quote(entry.getKey()) + ":" + quote(entry.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
