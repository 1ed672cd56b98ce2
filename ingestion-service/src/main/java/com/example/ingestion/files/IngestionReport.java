package com.example.ingestion.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.example.platform.json.Json;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The report of one file, written as the file is read: every rejected line with its number and
 * reason, then the counts. It streams to a temporary file (Lambda's /tmp), so a file whose every
 * line is rejected takes no more memory than one whose every line is good.
 */
public final class IngestionReport implements AutoCloseable {

    private final Path file;
    private final JsonGenerator json;
    private int linesRead;
    private int submitted;
    private int rejected;

    public IngestionReport(PartnerFile source) {
        try {
            this.file = Files.createTempFile("ingestion-report", ".json");
            this.json = Json.mapper().getFactory().createGenerator(Files.newOutputStream(file));
            json.writeStartObject();
            json.writeObjectFieldStart("source");
            json.writeStringField("bucket", source.bucket());
            json.writeStringField("key", source.key());
            json.writeStringField("versionId", source.versionId());
            json.writeEndObject();
            json.writeArrayFieldStart("rejected");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the report", e);
        }
    }

    public void submitted() {
        linesRead++;
        submitted++;
    }

    public void rejected(int line, String reason) {
        linesRead++;
        rejected++;
        try {
            json.writeStartObject();
            json.writeNumberField("line", line);
            json.writeStringField("reason", reason);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report", e);
        }
    }

    /** Ends the document; the report is then in {@link #file()}. */
    public Summary finish(Instant completedAt) {
        try {
            json.writeEndArray();
            Summary summary = new Summary(linesRead, submitted, rejected);
            json.writeObjectField("summary", summary);
            json.writeStringField("completedAt", completedAt.toString());
            json.writeEndObject();
            json.close();
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish the report", e);
        }
    }

    public Path file() {
        return file;
    }

    /** The report of a file refused whole, unread: its source, the reason, no line. */
    public static String refusal(PartnerFile source, String reason, Instant completedAt) {
        return Json.write(java.util.Map.of(
                "source", java.util.Map.of("bucket", source.bucket(), "key", source.key(), "versionId", source.versionId()),
                "refused", reason, "rejected", java.util.List.of(), "summary", new Summary(0, 0, 0),
                "completedAt", completedAt.toString()));
    }

    @Override
    public void close() {
        try {
            json.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines read, submitted as OrderSubmitted, and rejected; read = submitted + rejected. */
    public record Summary(int linesRead, int submitted, int rejected) {
    }
}
