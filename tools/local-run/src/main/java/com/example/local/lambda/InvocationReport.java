package com.example.local.lambda;

import java.time.Instant;
import java.util.Locale;
import java.util.OptionalDouble;

import com.example.local.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Lambda reports after each invocation, in its {@code REPORT} line: duration, billed duration
 * (rounded up to the millisecond), configured memory, the environment's peak memory so far, and the
 * init duration on the invocation that followed a cold start.
 */
public record InvocationReport(String requestId, double durationMs, int memorySizeMb, long maxMemoryUsedMb,
                               OptionalDouble initDurationMs, String status) {

    public long billedDurationMs() {
        return (long) Math.ceil(durationMs);
    }

    /** The line as Lambda writes it in a text-format log stream. */
    public String line() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB",
                requestId, durationMs, billedDurationMs(), memorySizeMb, maxMemoryUsedMb));
        initDurationMs.ifPresent(init -> line.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", init)));
        if (!"success".equals(status)) {
            line.append("\tStatus: ").append(status);
        }
        return line.toString();
    }

    /** The {@code platform.report} record of a JSON-format log stream. */
    public String jsonLine(Instant time) {
        ObjectNode metrics = Json.object()
                .put("durationMs", round(durationMs))
                .put("billedDurationMs", billedDurationMs())
                .put("memorySizeMB", memorySizeMb)
                .put("maxMemoryUsedMB", maxMemoryUsedMb);
        initDurationMs.ifPresent(init -> metrics.put("initDurationMs", round(init)));
        ObjectNode record = Json.object().put("requestId", requestId).put("status", status);
        record.set("metrics", metrics);
        ObjectNode line = Json.object().put("time", time.toString()).put("type", "platform.report");
        line.set("record", record);
        return Json.write(line);
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
