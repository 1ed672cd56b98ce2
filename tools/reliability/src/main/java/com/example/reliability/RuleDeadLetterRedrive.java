package com.example.reliability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.example.endtoend.Stack;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The redrive of a rule's dead-letter queue (docs/operations.md): each message is an event EventBridge
 * could not deliver; it goes back on the bus as it was (source, detail-type, detail, resources) and
 * is deleted only once EventBridge has taken it, so a redrive that stops half-way loses nothing and
 * can be run again. Consumers are idempotent, so an event delivered meanwhile changes nothing.
 */
public final class RuleDeadLetterRedrive {

    /** What a redrive did: events put back, and messages left in the queue because EventBridge refused them. */
    public record Outcome(int redriven, int refused) {
    }

    private final SqsClient sqs;
    private final EventBridgeClient events;

    public RuleDeadLetterRedrive(SqsClient sqs, EventBridgeClient events) {
        this.sqs = sqs;
        this.events = events;
    }

    /**
     * {@code make redrive QUEUE=<queue name, or part of it> [E2E_OUTPUTS=<outputs file>]}: redrives one rule
     * dead-letter queue of the stack the outputs file describes onto its bus.
     */
    public static void main(String[] arguments) {
        if (arguments.length != 2) {
            System.err.println("usage: RuleDeadLetterRedrive <outputs file> <queue name or part of it>");
            System.exit(2);
        }
        Stack stack = Stack.described(java.nio.file.Path.of(arguments[0]));
        List<String> ruleQueues = StateReader.ruleDeadLetterQueueUrls(stack);
        List<String> queues = ruleQueues.stream().filter(url -> StateReader.queueName(url).contains(arguments[1])).toList();
        if (queues.size() != 1) {
            System.err.println("QUEUE must name exactly one rule dead-letter queue of the stack; " + arguments[1] + " names "
                    + queues.size() + ". Its rule dead-letter queues: " + ruleQueues.stream().map(StateReader::queueName).toList());
            System.exit(2);
        }
        try (SqsClient sqs = stack.sqs(); EventBridgeClient events = stack.eventBridgeAsRedriver()) {
            Outcome outcome = new RuleDeadLetterRedrive(sqs, events).redrive(queues.getFirst(), stack.output("EventBusName"));
            System.out.println("put " + outcome.redriven() + " events back on " + stack.output("EventBusName")
                    + (outcome.refused() > 0 ? "; " + outcome.refused() + " refused by EventBridge stay in the queue, run it again" : ""));
            System.exit(outcome.refused() > 0 ? 1 : 0);
        }
    }

    public Outcome redrive(String queueUrl, String busName) {
        int redriven = 0;
        int refused = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(builder -> builder.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(30)).messages();
            if (messages.isEmpty()) {
                return new Outcome(redriven, refused);
            }
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            messages.forEach(message -> entries.add(entry(message.body(), busName)));
            PutEventsResponse answer = events.putEvents(builder -> builder.entries(entries));
            for (int i = 0; i < messages.size(); i++) {
                if (answer.entries().get(i).errorCode() == null) {
                    String receipt = messages.get(i).receiptHandle();
                    sqs.deleteMessage(builder -> builder.queueUrl(queueUrl).receiptHandle(receipt));
                    redriven++;
                } else {
                    refused++;
                }
            }
            if (refused > 0) {
                return new Outcome(redriven, refused);
            }
        }
    }

    /** The PutEvents entry that puts a dead-lettered event back as it was first put. */
    static PutEventsRequestEntry entry(String body, String busName) {
        try {
            JsonNode event = Stack.JSON.readTree(body);
            List<String> resources = new ArrayList<>();
            event.path("resources").forEach(resource -> resources.add(resource.asText()));
            if (!event.hasNonNull("source") || !event.hasNonNull("detail-type") || !event.has("detail")) {
                throw new IllegalArgumentException("A rule's dead letter is an EventBridge event; this message is not: " + body);
            }
            if (event.get("source").asText().startsWith("aws.")) {
                throw new IllegalArgumentException("An event of an AWS service (" + event.get("source").asText() + ") cannot be put"
                        + " back: its source is reserved. docs/operations.md says what to do instead (Partner files)");
            }
            return PutEventsRequestEntry.builder().eventBusName(busName).source(event.get("source").asText())
                    .detailType(event.get("detail-type").asText()).detail(event.get("detail").toString()).resources(resources).build();
        } catch (IOException e) {
            throw new IllegalArgumentException("A rule's dead letter is an EventBridge event; this message is not JSON: " + body, e);
        }
    }
}
