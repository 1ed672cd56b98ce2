package com.example.local.stepfunctions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.example.local.Pause;
import com.example.local.trace.Trace;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Follows every execution of the stack's state machines and traces each state it enters, each task
 * that fails, and how the execution ends: the workflow's progress, live, from its history.
 */
public final class ExecutionTrace implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofMillis(300);

    private final SfnClient stepFunctions;
    private final List<String> stateMachineArns;
    private final Trace trace;
    private final Map<String, Long> printedUpTo = new ConcurrentHashMap<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private Thread follower;

    public ExecutionTrace(SfnClient stepFunctions, List<String> stateMachineArns, Trace trace) {
        this.stepFunctions = stepFunctions;
        this.stateMachineArns = List.copyOf(stateMachineArns);
        this.trace = trace;
    }

    public void start() {
        follower = Thread.ofVirtual().name("executions").start(() -> {
            while (!stopped) {
                try {
                    stateMachineArns.forEach(this::follow);
                    Thread.sleep(INTERVAL);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!stopped) {
                        trace.print(Trace.Source.SFN, "cannot read executions: " + e.getMessage());
                        Pause.sleep(Duration.ofSeconds(1));
                    }
                }
            }
        });
    }

    private void follow(String stateMachineArn) {
        String machine = stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
        for (ExecutionListItem execution : stepFunctions.listExecutions(builder -> builder.stateMachineArn(stateMachineArn)
                .maxResults(100)).executions()) {
            if (ended.contains(execution.executionArn())) {
                continue;
            }
            long printed = printedUpTo.getOrDefault(execution.executionArn(), 0L);
            List<HistoryEvent> events = stepFunctions.getExecutionHistory(builder -> builder
                    .executionArn(execution.executionArn()).maxResults(1000)).events();
            for (HistoryEvent event : events) {
                if (event.id() > printed) {
                    describe(event).ifPresent(line -> trace.print(Trace.Source.SFN, machine + "/" + execution.name() + "  " + line));
                    printed = event.id();
                }
            }
            printedUpTo.put(execution.executionArn(), printed);
            if (execution.status() != ExecutionStatus.RUNNING) {
                ended.add(execution.executionArn());
            }
        }
    }

    private static java.util.Optional<String> describe(HistoryEvent event) {
        return java.util.Optional.ofNullable(switch (event.typeAsString()) {
            case "ExecutionStarted" -> "started";
            case "ExecutionSucceeded" -> "succeeded";
            case "ExecutionFailed" -> "FAILED: " + event.executionFailedEventDetails().error() + " "
                    + abbreviated(event.executionFailedEventDetails().cause());
            case "ExecutionTimedOut" -> "timed out";
            case "ExecutionAborted" -> "aborted";
            case "TaskFailed" -> "task failed: " + event.taskFailedEventDetails().error();
            case "TaskTimedOut" -> "task timed out";
            default -> event.typeAsString().endsWith("StateEntered") ? "-> " + event.stateEnteredEventDetails().name() : null;
        });
    }

    private static String abbreviated(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    @Override
    public void close() {
        stopped = true;
        if (follower != null) {
            follower.interrupt();
        }
    }
}
