package com.example.local.faults;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The faults the local run can inject, each the way the real service shows it to its callers. Only
 * these exist: a switch that accepted a fault it cannot apply would let a drill pass without a fault.
 */
public enum FaultKind {

    /** DynamoDB answers ProvisionedThroughputExceededException (HTTP 400) to any call, or to one action. */
    DYNAMODB_THROTTLING("dynamodb", "*", "ProvisionedThroughputExceededException"),
    /** PutEvents answers 200 with the entry refused (FailedEntryCount, ErrorCode InternalFailure). */
    EVENTBRIDGE_ENTRY_REFUSED("events", "PutEvents", "InternalFailure"),
    /**
     * A rule cannot deliver to its target (the queue was deleted or its policy denies EventBridge):
     * EventBridge does not retry that, the event goes to the rule's dead-letter queue at once.
     */
    EVENTBRIDGE_TARGET_DENIED("events", "DeliverToTarget", "AccessDeniedException"),
    /** The function's JVM is killed while it handles an invocation: Runtime.ExitError, as when it runs out of memory. */
    LAMBDA_RUNTIME_CRASH("lambda", "Crash", "Runtime.ExitError");

    private final String service;
    private final String operation;
    private final String error;

    FaultKind(String service, String operation, String error) {
        this.service = service;
        this.operation = operation;
        this.error = error;
    }

    public String service() {
        return service;
    }

    public String operation() {
        return operation;
    }

    public String error() {
        return error;
    }

    /**
     * The kind a service and an operation name, as a drill asks for them. DynamoDB takes any action
     * name, or "*" for all of them; the other services take the operation named above.
     */
    public static FaultKind of(String service, String operation) {
        if (service.equals(DYNAMODB_THROTTLING.service)) {
            if (!operation.equals("*") && !operation.matches("[A-Z][A-Za-z]+")) {
                throw new IllegalArgumentException("dynamodb takes an action name (PutItem, UpdateItem, ...) or *, not " + operation);
            }
            return DYNAMODB_THROTTLING;
        }
        return Arrays.stream(values()).filter(kind -> kind.service.equals(service) && kind.operation.equals(operation))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The local run cannot inject a fault into " + service + " "
                        + operation + "; it can into: " + Arrays.stream(values())
                        .map(kind -> kind.service + " " + kind.operation).collect(Collectors.joining(", "))));
    }
}
