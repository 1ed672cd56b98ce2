package com.example.local.cloudwatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.local.trace.Trace;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Evaluates the template's queue-depth alarms every few seconds, as CloudWatch evaluates them each
 * period, and traces each change of state: a dead-letter queue that receives a message shows as
 * its alarm going to ALARM, with the alarm's description (which says where to look).
 */
public final class QueueDepthAlarms implements AutoCloseable {

    private static final Duration PERIOD = Duration.ofSeconds(5);

    private final List<QueueDepthAlarm> alarms;
    private final SqsClient sqs;
    private final Trace trace;
    private final Map<String, Boolean> inAlarm = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private Thread evaluator;

    public QueueDepthAlarms(List<QueueDepthAlarm> alarms, SqsClient sqs, Trace trace) {
        this.alarms = List.copyOf(alarms);
        this.sqs = sqs;
        this.trace = trace;
    }

    public void start() {
        evaluator = Thread.ofVirtual().name("alarms").start(() -> {
            while (!stopped) {
                alarms.forEach(this::evaluate);
                try {
                    Thread.sleep(PERIOD);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Whether the alarm is in ALARM now. */
    public boolean inAlarm(String logicalId) {
        return inAlarm.getOrDefault(logicalId, false);
    }

    private void evaluate(QueueDepthAlarm alarm) {
        try {
            String url = sqs.getQueueUrl(builder -> builder.queueName(alarm.queueName())).queueUrl();
            long visible = Long.parseLong(sqs.getQueueAttributes(builder -> builder.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            boolean breached = alarm.breachedBy(visible);
            Boolean previous = inAlarm.put(alarm.logicalId(), breached);
            if (breached && !Boolean.TRUE.equals(previous)) {
                trace.print(Trace.Source.ALARM, alarm.logicalId() + " is in ALARM: " + alarm.queueName() + " holds "
                        + visible + " message(s). " + alarm.description());
            } else if (!breached && Boolean.TRUE.equals(previous)) {
                trace.print(Trace.Source.ALARM, alarm.logicalId() + " is OK again: " + alarm.queueName() + " is empty");
            }
        } catch (RuntimeException e) {
            if (!stopped) {
                trace.print(Trace.Source.ALARM, alarm.logicalId() + ": cannot read " + alarm.queueName() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        if (evaluator != null) {
            evaluator.interrupt();
        }
    }
}
