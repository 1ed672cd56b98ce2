package com.example.local.lambda;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import com.example.local.Json;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A function's log group, as a file under {@code .local/logs}: everything its environments print,
 * and Lambda's own START, END and REPORT records in the format and at the system level the
 * function's logging configuration sets (at WARN, as CloudWatch would, they are left out). Lines at
 * WARN or above, and every line when asked, also reach the trace.
 */
public final class FunctionLog implements AutoCloseable {

    private static final Set<String> ALARMING = Set.of("WARN", "ERROR", "FATAL");

    private final String functionName;
    private final FunctionConfiguration.Logging logging;
    private final BufferedWriter file;
    private final Trace trace;
    private final boolean everyLineToTrace;

    public FunctionLog(String functionName, FunctionConfiguration.Logging logging, Path file, Trace trace,
                       boolean everyLineToTrace) {
        this.functionName = functionName;
        this.logging = logging;
        this.trace = trace;
        this.everyLineToTrace = everyLineToTrace;
        try {
            Files.createDirectories(file.getParent());
            this.file = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line the function (or its runtime) printed. */
    public void functionLine(String line) {
        write(line);
        if (everyLineToTrace || ALARMING.contains(level(line))) {
            trace.print(Trace.Source.LAMBDA, functionName + " | " + line);
        }
    }

    public void start(String requestId, String version) {
        platform("platform.start", "START RequestId: " + requestId + " Version: " + version,
                Json.object().put("requestId", requestId).put("version", version));
    }

    public void end(String requestId) {
        platform("platform.end", "END RequestId: " + requestId, Json.object().put("requestId", requestId));
    }

    public void report(InvocationReport report) {
        if (writesPlatformInfo()) {
            write(isJson() ? report.jsonLine(Instant.now()) : report.line());
        }
    }

    private void platform(String type, String text, ObjectNode record) {
        if (!writesPlatformInfo()) {
            return;
        }
        if (isJson()) {
            ObjectNode line = Json.object().put("time", Instant.now().toString()).put("type", type);
            line.set("record", record);
            write(Json.write(line));
        } else {
            write(text);
        }
    }

    /** START, END and REPORT are INFO records: a system level of WARN or above drops them. */
    private boolean writesPlatformInfo() {
        return !isJson() || Set.of("TRACE", "DEBUG", "INFO").contains(logging.systemLevel().toUpperCase(Locale.ROOT));
    }

    private boolean isJson() {
        return "JSON".equalsIgnoreCase(logging.format());
    }

    private static String level(String line) {
        if (line.startsWith("{")) {
            try {
                JsonNode json = Json.parse(line);
                return json.path("level").asText(json.path("log.level").asText("")).toUpperCase(Locale.ROOT);
            } catch (IllegalArgumentException notJson) {
                return "";
            }
        }
        return line.contains("Exception") || line.startsWith("Error") ? "ERROR" : "";
    }

    private synchronized void write(String line) {
        try {
            file.write(line);
            file.newLine();
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
