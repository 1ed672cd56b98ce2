package com.example.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JVM's own log of the classes a function's environment loads, for the cold-start budgets:
 * read once the first answer is back, it counts what the init and the first request needed.
 */
public record ClassLoadLog(Path file) {

    /**
     * The function with its JVM logging class loads to {@link #file}. Lambda honours
     * JAVA_TOOL_OPTIONS as the JVM does: the one way a deployed function adds a JVM flag too.
     */
    public FunctionConfiguration applyTo(FunctionConfiguration function) {
        // The JVM does not create the log's directory (a function named OrdersService/PlaceOrderFunction has one).
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the class log's directory for " + file, e);
        }
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put("JAVA_TOOL_OPTIONS", (environment.getOrDefault("JAVA_TOOL_OPTIONS", "")
                + " -Xlog:class+load=info:file=" + file.toAbsolutePath()).trim());
        return function.withEnvironment(environment);
    }

    /** Classes loaded so far. */
    public int classesLoaded() {
        try (Stream<String> lines = Files.lines(file)) {
            return (int) lines.filter(line -> line.contains("[class,load]")).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class log " + file, e);
        }
    }
}
