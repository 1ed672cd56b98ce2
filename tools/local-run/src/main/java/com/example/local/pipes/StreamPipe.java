package com.example.local.pipes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.local.Pause;
import com.example.local.Json;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An EventBridge pipe from a DynamoDB stream to an event bus, run as Pipes runs it: it polls the
 * stream, keeps the records its filters match, renders each with the input template and puts it on
 * the bus with the pipe's source and detail-type. Entries the bus refuses are retried; a batch that
 * still fails after the retries goes to the dead-letter queue as a description of the records
 * (shard and sequence numbers), as Pipes does for stream sources. Pipes bisects a failing batch to
 * find the bad records; retrying exactly the refused entries reaches the same end.
 */
public final class StreamPipe implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /** The parts of a pipe's definition this pipe runs. */
    public record Definition(String name, String arn, String streamArn, int batchSize, int maximumRetryAttempts,
                             Optional<String> deadLetterArn, PipeTransformation transformation,
                             String busArn, String source, String detailType) {
    }

    /** Where the pipe puts its events, and where its dead letters go. */
    public interface Targets {
        /** A PutEvents call: its answer, with an entry per event. */
        JsonNode putEvents(ArrayNode entries);

        void deadLetter(String queueArn, String message);
    }

    private final Definition definition;
    private final StreamRecords records;
    private final Targets targets;
    private final Trace trace;
    private volatile boolean stopped;
    private Thread poller;

    public StreamPipe(Definition definition, StreamRecords records, Targets targets, Trace trace) {
        this.definition = definition;
        this.records = records;
        this.targets = targets;
        this.trace = trace;
    }

    public void start() {
        poller = Thread.ofVirtual().name("pipe-" + definition.name()).start(this::run);
    }

    private void run() {
        while (!stopped) {
            try {
                List<String> batch = records.poll(definition.batchSize());
                if (batch.isEmpty()) {
                    Thread.sleep(POLL_INTERVAL);
                } else {
                    deliver(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!stopped) {
                    trace.print(Trace.Source.PIPE, definition.name() + ": cannot read the stream: " + e.getMessage());
                    Pause.sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** A record the filters kept, rendered: the event detail, and the record's keys for the trace. */
    private record Rendered(String keys, String detail) {
    }

    /** Filters, renders and publishes one batch of stream records. */
    public void deliver(List<String> batch) {
        List<Rendered> pending = rendered(batch);
        for (int attempt = 0; attempt <= definition.maximumRetryAttempts() && !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                Pause.sleep(Duration.ofMillis(Math.min(10_000, 200L << Math.min(attempt, 10))));
            }
            pending = put(pending);
        }
        if (!pending.isEmpty()) {
            deadLetter(batch, pending.size());
        }
    }

    private List<Rendered> rendered(List<String> batch) {
        PipeTransformation transformation = definition.transformation();
        return batch.stream()
                .filter(transformation::keeps)
                .map(record -> new Rendered(keys(record), transformation.render(record,
                        Map.of("aws.pipes.event.ingestion-time", Instant.now().toString(),
                                "aws.pipes.pipe-name", definition.name(), "aws.pipes.pipe-arn", definition.arn()))))
                .toList();
    }

    /** Puts the details on the bus, ten per call; the ones refused come back. */
    private List<Rendered> put(List<Rendered> details) {
        List<Rendered> refused = new ArrayList<>();
        for (int from = 0; from < details.size(); from += 10) {
            List<Rendered> chunk = details.subList(from, Math.min(details.size(), from + 10));
            ArrayNode entries = Json.array();
            chunk.forEach(rendered -> entries.add(Json.object().put("Source", definition.source())
                    .put("DetailType", definition.detailType()).put("Detail", rendered.detail())
                    .put("EventBusName", definition.busArn())));
            try {
                JsonNode answer = targets.putEvents(entries);
                for (int i = 0; i < chunk.size(); i++) {
                    JsonNode entry = answer.path("Entries").path(i);
                    if (entry.has("ErrorCode")) {
                        refused.add(chunk.get(i));
                        trace.print(Trace.Source.PIPE, definition.name() + ": the bus refused an event ("
                                + entry.path("ErrorCode").asText() + "), retrying");
                    } else {
                        trace.print(Trace.Source.PIPE, definition.name() + ": stream record " + chunk.get(i).keys()
                                + " -> " + definition.detailType());
                    }
                }
            } catch (RuntimeException e) {
                trace.print(Trace.Source.PIPE, definition.name() + ": PutEvents failed (" + e.getMessage() + "), retrying");
                refused.addAll(chunk);
            }
        }
        return refused;
    }

    private void deadLetter(List<String> batch, int failed) {
        JsonNode first = Json.parse(batch.getFirst());
        JsonNode last = Json.parse(batch.getLast());
        ObjectNode info = Json.object()
                .put("startSequenceNumber", first.path("dynamodb").path("SequenceNumber").asText())
                .put("endSequenceNumber", last.path("dynamodb").path("SequenceNumber").asText())
                .put("approximateArrivalOfFirstRecord", first.path("dynamodb").path("ApproximateCreationDateTime").asText())
                .put("approximateArrivalOfLastRecord", last.path("dynamodb").path("ApproximateCreationDateTime").asText())
                .put("batchSize", batch.size())
                .put("streamArn", definition.streamArn());
        ObjectNode message = Json.object();
        message.set("requestContext", Json.object().put("pipeArn", definition.arn()).put("condition", "RetryAttemptsExhausted")
                .put("approximateInvokeCount", definition.maximumRetryAttempts() + 1));
        message.set("DDBStreamBatchInfo", info);
        definition.deadLetterArn().ifPresentOrElse(queue -> {
            targets.deadLetter(queue, Json.write(message));
            trace.print(Trace.Source.PIPE, definition.name() + ": " + failed + " events could not be published; the batch went to the dead-letter queue");
        }, () -> trace.print(Trace.Source.PIPE, definition.name() + ": " + failed
                + " events could not be published and the pipe has no dead-letter queue"));
    }

    /** The record's keys, as {@code orderId=...}. */
    private static String keys(String record) {
        List<String> keys = new ArrayList<>();
        Json.parse(record).path("dynamodb").path("Keys").properties().forEach(key -> {
            JsonNode typed = key.getValue();
            keys.add(key.getKey() + "=" + (typed.isObject() && typed.size() == 1 ? typed.elements().next().asText() : typed));
        });
        return String.join(",", keys);
    }

    @Override
    public void close() {
        stopped = true;
        if (poller != null) {
            poller.interrupt();
        }
    }
}
