package com.example.orders.review;

import java.util.Map;

import com.example.platform.json.Json;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** Hands a review answer to the workflow waiting on its task token. */
public final class WorkflowCallbacks {

    private final SfnClient stepFunctions;

    public WorkflowCallbacks(SfnClient stepFunctions) {
        this.stepFunctions = stepFunctions;
    }

    public sealed interface Outcome permits Delivered, Expired {
    }

    /** The workflow took the answer and moves on. */
    public record Delivered() implements Outcome {
    }

    /** The token no longer opens anything: the wait timed out (and rejected the order) or ended otherwise. */
    public record Expired(String reason) implements Outcome {
    }

    public Outcome resume(String taskToken, ReviewAnswer answer) {
        String output = Json.write(Map.of("decision", answer.decision().name(), "reason", answer.reason(),
                "reviewer", answer.reviewer()));
        try {
            stepFunctions.sendTaskSuccess(builder -> builder.taskToken(taskToken).output(output));
            return new Delivered();
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException stale) {
            return new Expired(reason(stale));
        }
    }

    private static String reason(SfnException stale) {
        return stale.awsErrorDetails() == null ? stale.getMessage() : stale.awsErrorDetails().errorCode();
    }
}
