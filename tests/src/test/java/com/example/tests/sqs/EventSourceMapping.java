package com.example.tests.sqs;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.local.lambda.Invocation;
import com.example.local.lambda.InvokeOutcome;
import com.example.local.sqs.SqsEventSourceMapping.Poll;
import com.example.local.sqs.SqsEventSourceMapping;
import com.example.local.trace.Trace;
import com.example.tests.local.InProcessFunction;
import com.example.tests.local.LocalImplementations;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The local run's SQS event source mapping ({@link SqsEventSourceMapping}: batch, SQS event, partial
 * batch response, deletes) over a handler in the test JVM, polled by the test one batch at a time
 * instead of by pollers. Where the mapping would leave a failed message until its visibility timeout,
 * the test makes it visible at once, so a real redrive policy counts its receives quickly.
 */
public final class EventSourceMapping {

    private static final Duration WAIT = Duration.ofSeconds(1);

    private final SqsClient sqs;
    private final SqsEventSourceMapping mapping;
    private final Map<String, String> bodies = new ConcurrentHashMap<>();

    public EventSourceMapping(SqsClient sqs, String queueUrl, String queueArn,
                              RequestStreamHandler handler, int batchSize) {
        this.sqs = sqs;
        String functionName = handler.getClass().getSimpleName();
        String functionArn = "arn:aws:lambda:" + LocalImplementations.REGION + ":" + LocalImplementations.ACCOUNT_ID
                + ":function:" + functionName;
        InProcessFunction function = new InProcessFunction(functionName, handler, 512);
        this.mapping = new SqsEventSourceMapping(new SqsEventSourceMapping.Definition(functionName, functionArn, queueArn,
                queueUrl, batchSize, Duration.ZERO, true, 1), sqs,
                (arn, payload) -> new InvokeOutcome.Completed(function.invoke(Invocation.of(payload,
                        Duration.ofSeconds(30), arn, "")), "$LATEST"),
                Trace.discarding(), LocalImplementations.REGION);
    }

    /** One batch: the ids the handler reported as failed (empty when the queue was empty or all succeeded). */
    public Set<String> pollOnce() {
        return poll().failed();
    }

    public Poll poll() {
        Poll poll = mapping.poll(WAIT);
        for (Message message : poll.batch()) {
            bodies.put(message.messageId(), message.body());
            if (poll.failed().contains(message.messageId())) {
                sqs.changeMessageVisibility(builder -> builder.queueUrl(mapping.definition().queueUrl())
                        .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
            }
        }
        return poll;
    }

    /** Polls until the queue is empty. */
    public void drain(int maxBatches) {
        for (int i = 0; i < maxBatches; i++) {
            if (poll().received() == 0) {
                return;
            }
        }
        throw new AssertionError("The queue was not empty after " + maxBatches + " batches");
    }

    /** The body of a message this mapping has received. */
    public Optional<String> bodyOf(String messageId) {
        return Optional.ofNullable(bodies.get(messageId));
    }
}
