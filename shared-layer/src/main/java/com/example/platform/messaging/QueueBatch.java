package com.example.platform.messaging;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.example.platform.aws.LambdaEvents;
import com.example.platform.observability.Observability;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Partial batch failure reporting, the same for every queue consumer (the event source mapping
 * sets {@code ReportBatchItemFailures}): each message is processed on its own; one that throws is
 * logged with its reason and reported, so only it returns to the queue (and, after the queue's
 * maxReceiveCount, to its dead-letter queue) while the others are deleted.
 */
public final class QueueBatch {

    private static final Logger LOG = LoggerFactory.getLogger(QueueBatch.class);

    private QueueBatch() {
    }

    /**
     * One invocation of a queue consumer from its stream ({@link LambdaEvents}): the batch read,
     * processed under Powertools logging and metrics, and its failures answered.
     */
    public static void invoke(InputStream event, OutputStream answer, Context context, Consumer<SQSMessage> perMessage) {
        SQSEvent batch = LambdaEvents.read(event, SQSEvent.class);
        LambdaEvents.write(answer, Observability.observe(context, () -> process(batch, perMessage)));
    }

    /** SnapStart priming of what every batch reads and answers: the SQS event and the batch response. */
    public static void primeEventPath() {
        LambdaEvents.prime(SQSEvent.class, SQSBatchResponse.builder().withBatchItemFailures(List.of()).build());
    }

    public static SQSBatchResponse process(SQSEvent batch, Consumer<SQSMessage> perMessage) {
        List<BatchItemFailure> failures = new ArrayList<>();
        for (SQSMessage message : batch.getRecords()) {
            try {
                perMessage.accept(message);
            } catch (RuntimeException failure) {
                LOG.error("Message failed and goes back to the queue", entry("messageId", message.getMessageId()),
                        entry("receiveCount", message.getAttributes() == null ? null
                                : message.getAttributes().get("ApproximateReceiveCount")),
                        entry("reason", failure.getClass().getSimpleName() + ": " + failure.getMessage()), failure);
                Observability.metrics().addMetric("MessagesFailed", 1, MetricUnit.COUNT);
                failures.add(BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
