package com.example.tests.stepfunctions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.example.local.Pause;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Starts executions on the local Step Functions engine and waits for them. */
public final class Executions {

    private final SfnClient stepFunctions;

    public Executions(SfnClient stepFunctions) {
        this.stepFunctions = stepFunctions;
    }

    public String start(String stateMachineArn, String name, String input) {
        return stepFunctions.startExecution(builder -> builder.stateMachineArn(stateMachineArn).name(name).input(input))
                .executionArn();
    }

    public DescribeExecutionResponse awaitEnd(String executionArn, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            DescribeExecutionResponse execution = stepFunctions.describeExecution(builder -> builder.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Execution " + executionArn + " still running after " + timeout);
            }
            sleep(200);
        }
    }

    /** Waits until the execution has entered the named state (it may be waiting there). */
    public void awaitState(String executionArn, String stateName, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (history(executionArn).stream().noneMatch(event -> event.stateEnteredEventDetails() != null
                && stateName.equals(event.stateEnteredEventDetails().name()))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Execution " + executionArn + " did not reach " + stateName + " within " + timeout);
            }
            sleep(200);
        }
    }

    public List<HistoryEvent> history(String executionArn) {
        return stepFunctions.getExecutionHistoryPaginator(builder -> builder.executionArn(executionArn)).events()
                .stream().toList();
    }

    private static void sleep(long millis) {
        if (!Pause.sleep(Duration.ofMillis(millis))) {
            throw new IllegalStateException("interrupted while waiting for an execution");
        }
    }
}
