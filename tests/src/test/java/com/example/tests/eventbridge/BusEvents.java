package com.example.tests.eventbridge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.example.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every event that reached a test stack's bus, as the bus delivered it: a test-only rule routes
 * them all to a queue, read here.
 */
public final class BusEvents {

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<JsonNode> received = new ArrayList<>();

    public BusEvents(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** The first event of that detail-type matching the predicate, waiting up to the timeout for it. */
    public JsonNode await(String detailType, Predicate<JsonNode> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        do {
            var found = received.stream()
                    .filter(event -> event.path("detail-type").asText().equals(detailType))
                    .filter(matching)
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            receive(1);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("No " + detailType + " reached the bus within " + timeout + "; received: " + received);
    }

    /** Everything received so far, after draining the queue. */
    public List<JsonNode> all() {
        while (receive(1) > 0) {
            // drain
        }
        return List.copyOf(received);
    }

    public List<JsonNode> ofType(String detailType) {
        return all().stream().filter(event -> event.path("detail-type").asText().equals(detailType)).toList();
    }

    private int receive(int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(builder -> builder.queueUrl(queueUrl)
                .maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)).messages();
        for (Message message : messages) {
            received.add(Json.parse(message.body()));
            sqs.deleteMessage(builder -> builder.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return messages.size();
    }
}
