package com.example.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.example.endtoend.Api;
import com.example.endtoend.Stack;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code make load} and {@code make drills}: for each run, plan the requests, let Gatling send them
 * (with the drill's faults switched on at their moments), let the application settle, do the drill's
 * step after the load (a redrive, a replay), read the final state and reconcile it with the plan.
 * Exits non-zero when anything was lost or doubled, or a run did not settle.
 */
public final class ReliabilityRun {

    /** What make passes: {@code -Dreliability.<name>}. */
    record Options(String mode, Path outputs, int orders, int partnerLines, List<Drill> drills, boolean writeReport, Duration settleLimit) {

        static Options fromSystemProperties() {
            String mode = property("mode", "load");
            if (!mode.equals("load") && !mode.equals("drills")) {
                throw new IllegalArgumentException("reliability.mode is load or drills, not " + mode);
            }
            boolean load = mode.equals("load");
            return new Options(mode, Path.of(property("outputs", ".local/outputs.json")),
                    // The local run's workflows run in moto, one Python process: on 2 cores, ~570 executions started within
                    // seconds made some risk-check tasks outlast their 30 s timeout, ~2,500 failed most of them. These sizes
                    // stay below that; a deployed stack takes LOAD_ORDERS=600 PARTNER_LINES=10000 and more.
                    Integer.parseInt(property("orders", load ? "200" : "60")),
                    Integer.parseInt(property("partnerLines", load ? "400" : "200")),
                    load ? List.of(Drill.NONE) : Drill.named(property("drills", "all")),
                    Boolean.parseBoolean(property("report", "true")),
                    Duration.ofSeconds(Long.parseLong(property("settleSeconds", "900"))));
        }

        private static String property(String name, String otherwise) {
            String value = System.getProperty("reliability." + name, "");
            return value.isBlank() ? otherwise : value;
        }
    }

    /** The queue the rule-target-denied drill fills and redrives: the invoicing rule's. */
    private static final String RULE_DEAD_LETTERS_REDRIVEN = "OrderConfirmedToInvoicingRule";

    private final Options options;
    private final Stack stack;
    private final Api api;
    private long failedCallsSoFar;

    ReliabilityRun(Options options) {
        this.options = options;
        this.stack = Stack.described(options.outputs());
        this.api = Api.orders(stack);
    }

    public static void main(String[] arguments) {
        Options options;
        try {
            options = Options.fromSystemProperties();
        } catch (IllegalArgumentException invalid) {
            System.err.println(invalid.getMessage());
            System.exit(2);
            return;
        }
        List<DrillResult> results = new ReliabilityRun(options).runAll();
        boolean passed = results.stream().allMatch(DrillResult::passed);
        results.forEach(result -> System.out.printf("%-22s %s: %d sent, %d accepted, %d invoiced, %d partner lines, lost %d, doubled %d%n",
                result.drill().drillName(), result.passed() ? "passed" : "FAILED", result.reconciliation().sent(),
                result.reconciliation().accepted(), result.reconciliation().invoiced(), result.reconciliation().partnerLines(),
                result.reconciliation().lost(), result.reconciliation().doubled()));
        System.exit(passed ? 0 : 1);
    }

    List<DrillResult> runAll() {
        if (!stack.isLocal() && options.drills().stream().anyMatch(drill -> !drill.faults().isEmpty())) {
            throw new IllegalStateException("The drills inject faults through the local run's switch: run them against make run");
        }
        List<DrillResult> results = new ArrayList<>();
        for (Drill drill : options.drills()) {
            results.add(run(drill));
        }
        if (options.writeReport()) {
            ReliabilityReport report = new ReliabilityReport(Path.of("docs/reliability"));
            if (options.mode().equals("drills")) {
                report.drills(results);
            }
        }
        return results;
    }

    private DrillResult run(Drill drill) {
        String runId = Long.toString(Instant.now().getEpochSecond(), 36) + "-" + drill.ordinal();
        RunSettings settings = new RunSettings(options.outputs(), Path.of("tools/reliability/target/runs", runId), drill,
                options.partnerLines(), Math.clamp(options.orders() / 10, 10, 60));
        LoadPlan plan = LoadPlan.generate(runId, options.orders(), runId.hashCode());
        plan.write(settings.planFile());
        PartnerDrop drop = new PartnerDrop(runId, options.partnerLines());
        Optional<FaultSwitchClient> faults = stack.isLocal() ? Optional.of(new FaultSwitchClient(stack)) : Optional.empty();
        faults.ifPresent(FaultSwitchClient::clear);
        say(drill, "run " + runId + ": " + plan.requests().size() + " order placements" + (drop.lines() > 0 ? ", a partner file of "
                + drop.lines() + " lines" : "") + (drill.faults().isEmpty() ? "" : "; fault: " + drill.fault()));
        Map<String, Integer> deadLettersBefore;
        try (StateReader before = new StateReader(stack)) {
            deadLettersBefore = before.deadLetters();
        }
        int deadBefore = deadLettersIn(deadLettersBefore, RULE_DEAD_LETTERS_REDRIVEN);
        Instant start = Instant.now();
        int gatling = GatlingLauncher.run(settings, Path.of("tools/reliability/target/gatling"), stack.isLocal());
        if (!java.nio.file.Files.exists(settings.ledgerFile())) {
            throw new IllegalStateException("Gatling ended with status " + gatling + " and wrote no ledger; its output is above");
        }
        List<SentRequest> ledger = Ledger.read(settings.ledgerFile());
        List<String> observations = new ArrayList<>();
        List<String> drillViolations = new ArrayList<>();
        if (gatling != 0) {
            drillViolations.add("Gatling ended with status " + gatling);
        }
        try (StateReader state = new StateReader(stack)) {
            // The faults end by themselves; what they failed is counted once they all have.
            drill.faults().stream().map(fault -> start.plus(fault.after()).plus(fault.lasting())).max(Instant::compareTo)
                    .map(end -> Duration.between(Instant.now(), end)).filter(wait -> !wait.isNegative()).ifPresent(ReliabilityRun::quiet);
            Settlement settlement = new Settlement(api.asReviewer(), state, message -> say(drill, message));
            // A redrive drill's orders cannot end before the redrive: it comes first, once the denied events are in.
            boolean settled = drill.afterLoad() == Drill.AfterLoad.REDRIVE_RULE_DEAD_LETTERS
                    || settlement.settle(plan, ledger, drop, options.settleLimit());
            long failedCalls = faults.map(FaultSwitchClient::failedCalls).orElse(0L);
            faults.ifPresent(FaultSwitchClient::clear);
            if (!drill.faults().isEmpty()) {
                observations.add("the fault switch failed " + failedCalls + " calls");
                if (failedCalls == 0) {
                    drillViolations.add("the fault never struck: the drill proved nothing");
                }
            }
            failedCallsSoFar += failedCalls;
            switch (drill.afterLoad()) {
                case NOTHING -> {
                }
                case REDRIVE_RULE_DEAD_LETTERS -> settled = redrive(plan, ledger, drop, state, settlement, failedCalls, deadBefore,
                        observations, drillViolations);
                case REPLAY_ARCHIVE -> replay(plan.runId(), start, state, settlement, plan, ledger, drop, observations,
                        drillViolations);
            }
            if (!settled) {
                drillViolations.add("the run did not settle within " + options.settleLimit().toSeconds() + " s");
            }
            FinalState finalState = state.read(runId, drop);
            // On a deployed stack the invoice sequence holds its whole history, whose gaps this run cannot account for.
            long allowedGaps = stack.isLocal() ? failedCallsSoFar : Long.MAX_VALUE;
            Reconciliation reconciliation = Reconciler.reconcile(plan, ledger, drop, finalState, allowedGaps, deadLettersBefore)
                    .with(drillViolations);
            LoadFigures figures = LoadFigures.of(plan, ledger, finalState);
            DrillResult result = new DrillResult(drill, runId, figures, reconciliation, failedCalls, observations);
            observations.forEach(observation -> say(drill, observation));
            reconciliation.violations().stream().limit(20).forEach(violation -> say(drill, "violation: " + violation));
            if (drill == Drill.NONE && options.writeReport()) {
                new ReliabilityReport(Path.of("docs/reliability")).load(result, ledger, LoadFigures.timesToInvoiced(plan, ledger, finalState));
            }
            return result;
        }
    }

    /** The events the fault kept from the invoice queue are in the rule's DLQ; the documented redrive puts them back. */
    private boolean redrive(LoadPlan plan, List<SentRequest> ledger, PartnerDrop drop, StateReader state, Settlement settlement,
                            long failedCalls, int deadBefore, List<String> observations, List<String> violations) {
        String queue = RULE_DEAD_LETTERS_REDRIVEN;
        String url = StateReader.ruleDeadLetterQueueUrls(stack).stream().filter(candidate -> StateReader.queueName(candidate).contains(queue))
                .findFirst().orElseThrow(() -> new IllegalStateException("RuleDeadLetterQueueUrls names no " + queue));
        // Denied deliveries reach the queue a moment after the fault's last strike.
        Instant deadline = Instant.now().plusSeconds(60);
        int dead = deadLettersIn(state.deadLetters(), queue) - deadBefore;
        while (dead < failedCalls && Instant.now().isBefore(deadline)) {
            quiet(Duration.ofSeconds(1));
            dead = deadLettersIn(state.deadLetters(), queue) - deadBefore;
        }
        observations.add(dead + " events reached " + queue + " during the load (its alarm's condition, more than 0 messages, held)");
        if (dead != failedCalls) {
            violations.add(queue + " held " + dead + " events, but EventBridge was denied " + failedCalls + " deliveries");
        }
        try (SqsClient sqs = stack.sqs(); EventBridgeClient events = stack.eventBridgeAsRedriver()) {
            RuleDeadLetterRedrive.Outcome outcome = new RuleDeadLetterRedrive(sqs, events).redrive(url, stack.output("EventBusName"));
            observations.add("the redrive put " + outcome.redriven() + " events back on the bus (" + outcome.refused() + " refused)");
        }
        return settlement.settle(plan, ledger, drop, options.settleLimit());
    }

    private static int deadLettersIn(Map<String, Integer> depths, String queue) {
        return depths.entrySet().stream().filter(entry -> entry.getKey().contains(queue)).mapToInt(Map.Entry::getValue).sum();
    }

    /** Replays the archive over the run; the orders and invoices of the run must not change at all. */
    private void replay(String runId, Instant start, StateReader state, Settlement settlement, LoadPlan plan,
                        List<SentRequest> ledger, PartnerDrop drop, List<String> observations, List<String> violations) {
        Map<String, String> before = state.snapshot(runId);
        Instant end = Instant.now();
        try (EventBridgeClient events = stack.eventBridge()) {
            ReplayState replayed = new ArchiveReplay(events).replay(stack.output("EventBusName"), start.minusSeconds(1), end,
                    Duration.ofMinutes(5));
            observations.add("the replay of " + Duration.between(start, end).toSeconds() + " s of the archive ended " + replayed);
            if (replayed != ReplayState.COMPLETED) {
                violations.add("the replay ended " + replayed);
            }
        }
        // The replayed events are delivered asynchronously: give their consumers the time a settled run needed.
        quiet(Duration.ofSeconds(20));
        settlement.settle(plan, ledger, drop, options.settleLimit());
        Map<String, String> after = state.snapshot(runId);
        TreeSet<String> changed = new TreeSet<>();
        before.forEach((item, attributes) -> {
            if (!attributes.equals(after.get(item))) {
                changed.add(item);
            }
        });
        after.keySet().stream().filter(item -> !before.containsKey(item)).forEach(changed::add);
        observations.add(before.size() + " orders and invoices compared before and after the replay: " + changed.size() + " changed");
        changed.stream().limit(10).forEach(item -> violations.add("the replay changed " + item));
    }

    private static void quiet(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(Drill drill, String message) {
        System.out.println("[" + drill.drillName() + "] " + message);
    }
}
