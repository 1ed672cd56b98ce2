package com.example.ingestion.files;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.ingestion.files.FileLines.Line;
import com.example.ingestion.files.FileLines.Text;
import com.example.ingestion.files.FileLines.Unreadable;
import com.example.ingestion.files.IngestionReport.Summary;
import com.example.ingestion.files.PartnerLineReader.Accepted;
import com.example.ingestion.files.PartnerLineReader.Rejected;
import com.example.platform.events.EventEnvelope;
import com.example.platform.events.EventPublisher;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ingests one partner file version: streams it line by line, publishes every good line as
 * OrderSubmitted (ten to a PutEvents request), reports every other line with its number and reason,
 * then moves the file to {@code processed/}. Every line ends as exactly one outcome: submitted or
 * reported.
 *
 * <p>Nothing is lost: the report is written only after every event is on the bus, so a failure
 * before it makes the queue hand the file back, to be run again whole. Nothing is doubled: a file
 * whose report exists was ingested and is skipped, and a line submitted twice (by a rerun, or a
 * duplicate line) is the same event, which placement applies once. A file over the size limit is
 * not read: its report says so, and the file stays where the partner put it.
 */
public final class FileIngestion {

    private static final Logger LOG = LoggerFactory.getLogger(FileIngestion.class);

    private final S3Client s3;
    private final PartnerLineReader lines;
    private final EventPublisher events;
    private final Supplier<Set<String>> acceptedCurrencies;
    private final Clock clock;
    private final long maximumBytes;

    /** @param maximumBytes the largest file read; a larger one gets a report that refuses it, and nothing else */
    public FileIngestion(S3Client s3, PartnerLineReader lines, EventPublisher events,
                         Supplier<Set<String>> acceptedCurrencies, Clock clock, long maximumBytes) {
        this.s3 = s3;
        this.lines = lines;
        this.events = events;
        this.acceptedCurrencies = acceptedCurrencies;
        this.clock = clock;
        this.maximumBytes = maximumBytes;
    }

    public sealed interface Outcome permits Ingested, AlreadyIngested, Gone, NotAPartnerFile, TooLarge {
    }

    /** The file is over the limit: refused in its report, unread, left in place. */
    public record TooLarge(long size, long limit) implements Outcome {
    }

    public record Ingested(Summary summary) implements Outcome {
    }

    public record AlreadyIngested() implements Outcome {
    }

    /** The object version no longer exists: an earlier ingestion moved it (in an unversioned bucket). */
    public record Gone() implements Outcome {
    }

    public record NotAPartnerFile(String key) implements Outcome {
    }

    public Outcome ingest(ObjectCreated event) {
        var file = PartnerFile.of(event);
        if (file.isEmpty()) {
            LOG.error("Not a partner file: the key must be incoming/<partnerId>/<name>.jsonl", entry("key", event.key()));
            return new NotAPartnerFile(event.key());
        }
        return ingest(file.get(), event.eventId(), event.size());
    }

    private Outcome ingest(PartnerFile file, String causationId, long size) {
        if (exists(file.bucket(), file.reportKey())) {
            LOG.info("Already ingested; nothing submitted again", entry("key", file.key()), entry("versionId", file.versionId()));
            return new AlreadyIngested();
        }
        if (size > maximumBytes) {
            String reason = "the file is " + size + " bytes, over the limit of " + maximumBytes + "; split it and send the parts";
            s3.putObject(builder -> builder.bucket(file.bucket()).key(file.reportKey()).contentType("application/json"),
                    RequestBody.fromString(IngestionReport.refusal(file, reason, clock.instant())));
            LOG.warn("File refused, unread: too large", entry("key", file.key()), entry("size", size), entry("limit", maximumBytes));
            return new TooLarge(size, maximumBytes);
        }
        Summary summary;
        try (InputStream content = s3.getObject(builder -> builder.bucket(file.bucket()).key(file.key())
                .versionId(versioned(file))); IngestionReport report = new IngestionReport(file)) {
            summary = readAll(file, new FileLines(content), report, causationId);
            s3.putObject(builder -> builder.bucket(file.bucket()).key(file.reportKey()).contentType("application/json"),
                    RequestBody.fromFile(report.file()));
        } catch (NoSuchKeyException gone) {
            LOG.info("The file is gone: an earlier ingestion moved it", entry("key", file.key()));
            return new Gone();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        moveToProcessed(file);
        LOG.info("File ingested", entry("key", file.key()), entry("summary", summary));
        return new Ingested(summary);
    }

    private Summary readAll(PartnerFile file, FileLines fileLines, IngestionReport report, String causationId) {
        Set<String> currencies = acceptedCurrencies.get();
        List<EventEnvelope<OrderSubmitted>> batch = new ArrayList<>(10);
        for (var next = fileLines.next(); next.isPresent(); next = fileLines.next()) {
            Line line = next.get();
            switch (line) {
                case Unreadable(int number, String reason) -> report.rejected(number, reason);
                case Text(int number, String text) -> {
                    switch (lines.read(text, currencies)) {
                        case Rejected(String reason) -> report.rejected(number, reason);
                        case Accepted(String reference, var order) -> {
                            batch.add(OrderSubmitted.of(file, number, reference, order, causationId, clock.instant()));
                            report.submitted();
                        }
                    }
                }
            }
            if (batch.size() == 10) {
                events.publishAll(OrderSubmitted.DETAIL_TYPE, batch);
                batch.clear();
            }
        }
        events.publishAll(OrderSubmitted.DETAIL_TYPE, batch);
        return report.finish(clock.instant());
    }

    /** Copies the version to processed/ and removes it from incoming/, so it is not taken again. */
    private void moveToProcessed(PartnerFile file) {
        s3.copyObject(builder -> builder.sourceBucket(file.bucket()).sourceKey(file.key()).sourceVersionId(versioned(file))
                .destinationBucket(file.bucket()).destinationKey(file.processedKey()));
        s3.deleteObject(builder -> builder.bucket(file.bucket()).key(file.key()));
    }

    private boolean exists(String bucket, String key) {
        try {
            s3.headObject(builder -> builder.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException absent) {
            return false;
        } catch (S3Exception failure) {
            if (failure.statusCode() == 404) {
                return false;
            }
            throw failure;
        }
    }

    /** An unversioned bucket's events say "null": read the current object then. */
    private static String versioned(PartnerFile file) {
        return "null".equals(file.versionId()) ? null : file.versionId();
    }
}
