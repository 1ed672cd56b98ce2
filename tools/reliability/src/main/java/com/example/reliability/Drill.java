package com.example.reliability;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The drills: each a load during which the local run's fault switch breaks one thing, and what the
 * application must still do. The reconciler holds every drill to the same rule, nothing lost and
 * nothing doubled; what differs is the fault, the step after the load, and what the operator sees.
 */
public enum Drill {

    /** The plain load: no fault. */
    NONE("load", "no fault", List.of(), AfterLoad.NOTHING,
            "every order where it belongs, no dead letter, no gap in the invoice numbers"),

    DYNAMODB_THROTTLING("dynamodb-throttling", "DynamoDB throttles 30% of all calls for 15 s",
            List.of(new FaultRequest(Duration.ofSeconds(3), "dynamodb", "*", Optional.empty(), 0.3, Duration.ofSeconds(15))),
            AfterLoad.NOTHING,
            "the SDK's retries absorb most throttles; an API call that still fails answers 5xx and is retried with its key;"
                    + " the workflow's DynamoDB tasks retry with jitter; nothing lost or doubled"),

    EVENTBRIDGE_REFUSALS("eventbridge-refusals", "EventBridge refuses 30% of the entries put for 15 s",
            List.of(new FaultRequest(Duration.ofSeconds(3), "events", "PutEvents", Optional.empty(), 0.3, Duration.ofSeconds(15))),
            AfterLoad.NOTHING,
            "publishers retry the refused entries only (EventPublisher, the pipe, the workflow's EventBridge.FailedEntry retry);"
                    + " a consumer that gets an event twice changes nothing"),

    ISSUE_INVOICE_CRASH("issue-invoice-crash", "IssueInvoice's JVM is killed in half its invocations for 15 s",
            List.of(new FaultRequest(Duration.ofSeconds(3), "lambda", "Crash", Optional.of("IssueInvoiceFunction"), 0.5,
                    Duration.ofSeconds(15))),
            AfterLoad.NOTHING,
            "the killed batch's messages come back after the queue's visibility timeout and are issued once; a number drawn"
                    + " by a killed invocation is a documented gap"),

    INTAKE_CRASH("intake-crash", "PlaceOrderFromQueue's JVM is killed in half its invocations for 15 s",
            List.of(new FaultRequest(Duration.ofSeconds(3), "lambda", "Crash", Optional.of("PlaceOrderFromQueueFunction"), 0.5,
                    Duration.ofSeconds(15))),
            AfterLoad.NOTHING,
            "the partner orders of a killed batch come back after the visibility timeout and are placed once"),

    RULE_TARGET_DENIED("rule-target-denied", "EventBridge may not deliver to the invoice queue for 10 s",
            List.of(new FaultRequest(Duration.ofSeconds(3), "events", "DeliverToTarget", Optional.of("-InvoiceQueue"), 1,
                    Duration.ofSeconds(10))),
            AfterLoad.REDRIVE_RULE_DEAD_LETTERS,
            "the events land in the invoicing rule's dead-letter queue at once (its alarm's condition, depth > 0, holds);"
                    + " the documented redrive puts them back on the bus and each order is invoiced once"),

    ARCHIVE_REPLAY("archive-replay", "the bus's archive is replayed over the run's window once the load has settled",
            List.of(), AfterLoad.REPLAY_ARCHIVE,
            "every replayed event finds its effect done: no order, invoice or status changes");

    /** What a drill does once its load has settled, before the reconciler reads the final state. */
    public enum AfterLoad {
        NOTHING, REDRIVE_RULE_DEAD_LETTERS, REPLAY_ARCHIVE
    }

    private final String drillName;
    private final String fault;
    private final List<FaultRequest> faults;
    private final AfterLoad afterLoad;
    private final String expected;

    Drill(String drillName, String fault, List<FaultRequest> faults, AfterLoad afterLoad, String expected) {
        this.drillName = drillName;
        this.fault = fault;
        this.faults = faults;
        this.afterLoad = afterLoad;
        this.expected = expected;
    }

    public String drillName() {
        return drillName;
    }

    public String fault() {
        return fault;
    }

    public List<FaultRequest> faults() {
        return faults;
    }

    public AfterLoad afterLoad() {
        return afterLoad;
    }

    public String expected() {
        return expected;
    }

    /** Every drill, in the order {@code make drills} runs them. */
    public static List<Drill> drills() {
        return Arrays.stream(values()).filter(drill -> drill != NONE).toList();
    }

    /** Drills by name, comma-separated ({@code all} for every one); an unknown name is refused with the known ones. */
    public static List<Drill> named(String names) {
        if (names.isBlank() || names.equals("all")) {
            return drills();
        }
        return Arrays.stream(names.split(",")).map(String::trim).map(name -> drills().stream()
                .filter(drill -> drill.drillName.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No drill " + name + "; the drills are: "
                        + drills().stream().map(Drill::drillName).collect(Collectors.joining(", ")))))
                .toList();
    }
}
