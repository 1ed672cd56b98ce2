package com.example.tests.sqs;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.example.tests.lambda.TestLambdaContext;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does, played by the test (no local implementation runs
 * one): receive a batch, invoke the handler, delete the messages it did not report as failed. A
 * reported message stays in the queue; where the mapping would wait out the visibility timeout, the
 * test makes it visible at once, so a real redrive policy counts its receives quickly.
 */
public final class EventSourceMapping {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final int batchSize;
    private final java.util.Map<String, String> bodies = new java.util.concurrent.ConcurrentHashMap<>();

    public EventSourceMapping(SqsClient sqs, String queueUrl, String queueArn,
                              RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handler;
        this.batchSize = batchSize;
    }

    /** What one poll did: how many messages it handed to the function, and which the function reported. */
    public record Poll(int received, Set<String> failed) {
    }

    /** One batch: the ids the handler reported as failed (empty when the queue was empty or all succeeded). */
    public Set<String> pollOnce() {
        return poll().failed();
    }

    public Poll poll() {
        List<Message> messages = sqs.receiveMessage(builder -> builder.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return new Poll(0, Set.of());
        }
        SQSEvent batch = new SQSEvent();
        batch.setRecords(messages.stream().map(this::asRecord).toList());
        SQSBatchResponse response = handler.handleRequest(batch, TestLambdaContext.of("IssueInvoice"));
        Set<String> failed = new HashSet<>();
        response.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                sqs.changeMessageVisibility(builder -> builder.queueUrl(queueUrl)
                        .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
            } else {
                sqs.deleteMessage(builder -> builder.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return new Poll(messages.size(), failed);
    }

    /** Polls until the queue is empty. */
    public void drain(int maxBatches) {
        for (int i = 0; i < maxBatches; i++) {
            List<Message> peek = sqs.receiveMessage(builder -> builder.queueUrl(queueUrl).maxNumberOfMessages(1)
                    .visibilityTimeout(0).waitTimeSeconds(0)).messages();
            if (peek.isEmpty()) {
                return;
            }
            pollOnce();
        }
        throw new AssertionError("The queue was not empty after " + maxBatches + " batches");
    }

    /** The body of a message this mapping has received. */
    public java.util.Optional<String> bodyOf(String messageId) {
        return java.util.Optional.ofNullable(bodies.get(messageId));
    }

    private SQSMessage asRecord(Message message) {
        bodies.put(message.messageId(), message.body());
        SQSMessage record = new SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion("us-east-1");
        record.setAttributes(Map.copyOf(message.attributesAsStrings()));
        return record;
    }
}
