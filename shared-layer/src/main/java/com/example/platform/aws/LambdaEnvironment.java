package com.example.platform.aws;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables a function reads. Handlers take it from {@link #system()} in Lambda;
 * tests hand in their own map so the real handler runs against local endpoints.
 */
public record LambdaEnvironment(Map<String, String> variables) {

    public LambdaEnvironment {
        variables = Map.copyOf(variables);
    }

    public static LambdaEnvironment system() {
        return new LambdaEnvironment(System.getenv());
    }

    public static LambdaEnvironment of(Map<String, String> variables) {
        return new LambdaEnvironment(variables);
    }

    /** A variable the template always sets; its absence is a deployment error, reported at init. */
    public String required(String name) {
        return optional(name).orElseThrow(
                () -> new IllegalStateException("Environment variable " + name + " is not set"));
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }
}
