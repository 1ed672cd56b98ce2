package com.example.local.sqs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.example.local.Pause;
import com.example.local.Json;
import com.example.local.lambda.InvocationResult;
import com.example.local.lambda.InvokeOutcome;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping: pollers (as many as the maximum concurrency) receive a batch
 * (up to the batch size, waiting at most the batching window to fill it), invoke the function
 * synchronously with the SQS event, and delete what it processed. With ReportBatchItemFailures the
 * function names the messages that failed; they, like every message of a batch whose invocation
 * failed, stay in the queue and return after the visibility timeout, so the queue's redrive policy
 * counts their receives. A response that names a message not in the batch fails the whole batch.
 */
public final class SqsEventSourceMapping implements AutoCloseable {

    /** The mapping's configuration, from the function's SQS event. */
    public record Definition(String functionLogicalId, String functionArn, String queueArn, String queueUrl, int batchSize,
                             Duration batchingWindow, boolean reportBatchItemFailures, int maximumConcurrency) {
    }

    /** How the mapping invokes its function: synchronously, through the Lambda service. */
    @FunctionalInterface
    public interface Invoker {
        InvokeOutcome invoke(String functionArn, byte[] payload);
    }

    /** What one poll did: the messages it handed to the function, and the ids of those that stay in the queue. */
    public record Poll(List<Message> batch, Set<String> failed) {

        public Poll {
            batch = List.copyOf(batch);
            failed = Set.copyOf(failed);
        }

        public int received() {
            return batch.size();
        }
    }

    private static final int RECEIVE_LIMIT = 10;
    private static final Duration LONG_POLL = Duration.ofSeconds(20);

    private final Definition definition;
    private final SqsClient sqs;
    private final Invoker invoker;
    private final Trace trace;
    private final String region;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean stopped;

    public SqsEventSourceMapping(Definition definition, SqsClient sqs, Invoker invoker, Trace trace, String region) {
        this.definition = definition;
        this.sqs = sqs;
        this.invoker = invoker;
        this.trace = trace;
        this.region = region;
    }

    public Definition definition() {
        return definition;
    }

    /** Starts the pollers: one per unit of maximum concurrency. */
    public void start() {
        for (int i = 0; i < definition.maximumConcurrency(); i++) {
            pollers.add(Thread.ofVirtual().name("esm-" + definition.functionLogicalId() + "-" + i).start(this::run));
        }
    }

    private void run() {
        while (!stopped) {
            try {
                Poll poll = poll(LONG_POLL);
                if (poll.received() > 0 && poll.failed().size() == poll.received()) {
                    Thread.sleep(Duration.ofSeconds(1));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!stopped) {
                    trace.print(Trace.Source.SQS, definition.functionLogicalId() + ": polling failed: " + e.getMessage());
                    Pause.sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** One batch: receive (waiting up to {@code wait} for a first message), invoke, delete what succeeded. */
    public Poll poll(Duration wait) {
        List<Message> batch = receiveBatch(wait);
        if (batch.isEmpty()) {
            return new Poll(List.of(), Set.of());
        }
        byte[] event = event(batch).getBytes(StandardCharsets.UTF_8);
        InvokeOutcome outcome = invoker.invoke(definition.functionArn(), event);
        Set<String> failed = failedMessages(batch, outcome);
        List<Message> processed = batch.stream().filter(message -> !failed.contains(message.messageId())).toList();
        delete(processed);
        trace.print(Trace.Source.SQS, definition.functionLogicalId() + ": batch of " + batch.size() + " from "
                + queueName() + ", " + processed.size() + " deleted"
                + (failed.isEmpty() ? "" : ", " + failed.size() + " back to the queue after its visibility timeout"));
        return new Poll(batch, failed);
    }

    private List<Message> receiveBatch(Duration wait) {
        List<Message> batch = new ArrayList<>(receive(Math.min(RECEIVE_LIMIT, definition.batchSize()), wait));
        if (batch.isEmpty()) {
            return batch;
        }
        Instant windowEnds = Instant.now().plus(definition.batchingWindow());
        while (batch.size() < definition.batchSize() && Instant.now().isBefore(windowEnds) && !stopped) {
            Duration left = Duration.between(Instant.now(), windowEnds);
            batch.addAll(receive(Math.min(RECEIVE_LIMIT, definition.batchSize() - batch.size()),
                    left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ZERO : left));
        }
        return batch;
    }

    private List<Message> receive(int max, Duration wait) {
        return sqs.receiveMessage(builder -> builder.queueUrl(definition.queueUrl()).maxNumberOfMessages(max)
                .waitTimeSeconds((int) Math.min(20, wait.toSeconds()))
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    /** The messages that stay: all of them when the invocation failed, the reported ones otherwise. */
    private Set<String> failedMessages(List<Message> batch, InvokeOutcome outcome) {
        Set<String> all = new HashSet<>();
        batch.forEach(message -> all.add(message.messageId()));
        if (!(outcome instanceof InvokeOutcome.Completed(InvocationResult.Answered answered, String version))) {
            trace.print(Trace.Source.SQS, definition.functionLogicalId() + ": invocation failed ("
                    + describe(outcome) + "), the whole batch stays in the queue");
            return all;
        }
        if (!definition.reportBatchItemFailures()) {
            return Set.of();
        }
        Optional<Set<String>> reported = reportedFailures(answered.payload(), all);
        if (reported.isEmpty()) {
            trace.print(Trace.Source.SQS, definition.functionLogicalId()
                    + ": the batch response is not a valid batchItemFailures answer, the whole batch stays in the queue");
            return all;
        }
        return reported.get();
    }

    /** Lambda's rules for a partial batch response; empty when the response fails the whole batch. */
    static Optional<Set<String>> reportedFailures(byte[] payload, Set<String> batch) {
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (text.isEmpty() || text.equals("null")) {
            return Optional.of(Set.of());
        }
        JsonNode response;
        try {
            response = Json.parse(text);
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
        JsonNode failures = response.path("batchItemFailures");
        if (failures.isMissingNode() || failures.isNull()) {
            return Optional.of(Set.of());
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (id.isEmpty() || !batch.contains(id)) {
                return Optional.empty();
            }
            failed.add(id);
        }
        return Optional.of(failed);
    }

    private void delete(List<Message> processed) {
        for (int from = 0; from < processed.size(); from += RECEIVE_LIMIT) {
            List<Message> chunk = processed.subList(from, Math.min(processed.size(), from + RECEIVE_LIMIT));
            sqs.deleteMessageBatch(builder -> builder.queueUrl(definition.queueUrl()).entries(chunk.stream()
                    .map(message -> DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                            .receiptHandle(message.receiptHandle()).build())
                    .toList()));
        }
    }

    /** The SQS event Lambda gives the function. */
    private String event(List<Message> batch) {
        ArrayNode records = Json.array();
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId()).put("receiptHandle", message.receiptHandle())
                    .put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
            record.put("md5OfBody", message.md5OfBody()).put("eventSource", "aws:sqs")
                    .put("eventSourceARN", definition.queueArn()).put("awsRegion", region);
        }
        return Json.write(Json.object().set("Records", records));
    }

    private static ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode attribute = Json.object();
        attribute.put("stringValue", value.stringValue());
        attribute.putArray("stringListValues");
        attribute.putArray("binaryListValues");
        attribute.put("dataType", value.dataType());
        return attribute;
    }

    private String queueName() {
        return definition.queueArn().substring(definition.queueArn().lastIndexOf(':') + 1);
    }

    private static String describe(InvokeOutcome outcome) {
        return switch (outcome) {
            case InvokeOutcome.Completed(InvocationResult.Failed failed, String version) -> failed.errorType();
            case InvokeOutcome.Refused refused -> refused.errorType();
            default -> outcome.toString();
        };
    }

    @Override
    public void close() {
        stopped = true;
        pollers.forEach(Thread::interrupt);
    }
}
