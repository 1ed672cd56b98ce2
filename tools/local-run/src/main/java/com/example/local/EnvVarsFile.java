package com.example.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An environment-variables file in the shape {@code sam local invoke --env-vars} reads: each
 * function's logical id, then its variables, and under {@code Parameters} the variables every
 * function gets. {@code make run} writes {@code .local/env-vars.json} in that shape; {@code make
 * invoke} and the cold-start benchmark read it (or a user's file).
 */
public record EnvVarsFile(Path file) {

    /** SAM's key for the variables of every function. */
    public static final String EVERY_FUNCTION = "Parameters";

    /** The local run's file, which exists while {@code make run} serves. */
    public static EnvVarsFile ofLocalRun(ProjectDirectory project) {
        return new EnvVarsFile(project.localState().resolve("env-vars.json"));
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * What every function gets: the local run's file gives there what Lambda sets in a function's
     * environment, pointed at the local run (region, credentials, endpoint, X-Ray daemon), for a
     * function that is not in the template (the cold-start benchmark's AWS sample).
     */
    public Map<String, String> everyFunction() {
        return variables(EVERY_FUNCTION);
    }

    /**
     * One function's variables, found as SAM finds them: under its logical id, else under its qualified
     * id ({@code OrdersService/PlaceOrderFunction}); an error naming the file when it has none.
     */
    public Map<String, String> variables(String qualifiedId) {
        JsonNode all = read();
        String logicalId = qualifiedId.substring(qualifiedId.lastIndexOf('/') + 1);
        JsonNode function = all.path(logicalId).isObject() ? all.path(logicalId) : all.path(qualifiedId);
        if (!function.isObject()) {
            throw new IllegalArgumentException(file + " has no variables for " + qualifiedId);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        function.properties().forEach(variable -> variables.put(variable.getKey(), variable.getValue().asText()));
        return variables;
    }

    private JsonNode read() {
        try {
            return Json.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
