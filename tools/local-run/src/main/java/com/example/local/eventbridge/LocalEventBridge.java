package com.example.local.eventbridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.example.local.Pause;
import com.example.local.Json;
import com.example.local.faults.Fault;
import com.example.local.faults.FaultInjection;
import com.example.local.iam.CallerIdentities;
import com.example.local.iam.ResourcePolicy;
import com.example.local.servers.HttpServers;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * EventBridge: buses, rules matched by Event Ruler (the library EventBridge uses), targets
 * delivered with their retry policy and dead-letter queue, archives and replays, behind the
 * EventBridge API (JSON 1.1) that the SDKs, the CLI and the workflows call. Actions it does not
 * emulate are refused by name, never ignored.
 */
public final class LocalEventBridge implements HttpHandler, AutoCloseable {

    /** PutEvents takes at most 10 entries and 256 KB in all. */
    public static final int MAX_ENTRIES = 10;
    public static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(60);

    private final String region;
    private final String accountId;
    private final Targets targets;
    private final Trace trace;
    private final FaultInjection faults;
    private final Map<String, EventBus> buses = new ConcurrentHashMap<>();
    private final Map<String, Archive> archives = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> replays = new ConcurrentHashMap<>();
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger pendingDeliveries = new AtomicInteger();
    private volatile Callers callers = accessKey -> List.of();

    /**
     * Who signed a call, as the {@code aws:PrincipalArn} values a policy may see: one for a caller,
     * several where one key signs for several roles (the local Step Functions engine signs every
     * workflow's integrations with one key); none for a key nobody knows.
     */
    @FunctionalInterface
    public interface Callers {
        List<String> principalArns(Optional<String> accessKey);
    }

    public LocalEventBridge(String region, String accountId, Targets targets, Trace trace, FaultInjection faults) {
        this.region = region;
        this.accountId = accountId;
        this.targets = targets;
        this.trace = trace;
        this.faults = faults;
        buses.put("default", new EventBus("default", busArn("default")));
    }

    /** How calls to the API are attributed to principals, for the buses' policies; until set, to nobody. */
    public void identifyCallersWith(Callers callers) {
        this.callers = callers;
    }

    /** An error the API answers with HTTP 400 and EventBridge's error type. */
    static final class ApiError extends RuntimeException {
        final String type;

        ApiError(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
        byte[] body = exchange.getRequestBody().readAllBytes();
        ObjectNode answer;
        try {
            if (!target.startsWith("AWSEvents.")) {
                throw new ApiError("UnknownOperationException", "No EventBridge action in X-Amz-Target: " + target);
            }
            JsonNode request = body.length == 0 ? Json.object() : Json.parse(body);
            answer = call(target.substring("AWSEvents.".length()), request, CallerIdentities.signingKey(exchange));
        } catch (ApiError error) {
            reply(exchange, 400, Json.object().put("__type", error.type).put("message", error.getMessage()));
            return;
        } catch (IllegalArgumentException invalid) {
            reply(exchange, 400, Json.object().put("__type", "ValidationException").put("message", invalid.getMessage()));
            return;
        }
        reply(exchange, 200, answer);
    }

    private ObjectNode call(String action, JsonNode request, Optional<String> accessKey) {
        return switch (action) {
            // Callers of the API can meet refused entries (the fault switch, the bus's policy); the local run's S3 events cannot.
            case "PutEvents" -> {
                List<String> principals = callers.principalArns(accessKey);
                yield putEvents((ArrayNode) request.path("Entries"),
                        entry -> refusedByFault(entry).or(() -> refusedByPolicy(entry, principals)));
            }
            case "CreateEventBus" -> Json.object().put("EventBusArn", createEventBus(text(request, "Name")));
            case "DescribeEventBus" -> describeBus(bus(request.path("Name").asText("default")));
            case "ListEventBuses" -> listBuses();
            case "PutRule" -> Json.object().put("RuleArn", putRule(request.path("EventBusName").asText("default"),
                    text(request, "Name"), text(request, "EventPattern"), request.path("State").asText("ENABLED"),
                    request.path("Description").asText("")));
            case "DescribeRule" -> describeRule(rule(request.path("EventBusName").asText("default"), text(request, "Name")));
            case "ListRules" -> listRules(bus(request.path("EventBusName").asText("default")));
            case "DeleteRule" -> {
                bus(request.path("EventBusName").asText("default")).rules.remove(text(request, "Name"));
                yield Json.object();
            }
            case "PutTargets" -> putTargets(request);
            case "ListTargetsByRule" -> listTargets(rule(request.path("EventBusName").asText("default"), text(request, "Rule")));
            case "RemoveTargets" -> {
                EventBus.Rule rule = rule(request.path("EventBusName").asText("default"), text(request, "Rule"));
                request.path("Ids").forEach(id -> rule.targets.remove(id.asText()));
                yield Json.object().put("FailedEntryCount", 0).set("FailedEntries", Json.array());
            }
            case "CreateArchive" -> Json.object().put("ArchiveArn", createArchive(text(request, "ArchiveName"),
                    text(request, "EventSourceArn"), Optional.ofNullable(request.get("EventPattern")).map(JsonNode::asText),
                    request.path("RetentionDays").asInt(0))).put("State", "ENABLED");
            case "DescribeArchive" -> describeArchive(archive(text(request, "ArchiveName")));
            case "ListArchives" -> {
                ArrayNode list = Json.array();
                archives.values().forEach(archive -> list.add(describeArchive(archive)));
                yield Json.object().set("Archives", list);
            }
            case "StartReplay" -> startReplay(request);
            case "DescribeReplay" -> Optional.ofNullable(replays.get(text(request, "ReplayName")))
                    .orElseThrow(() -> new ApiError("ResourceNotFoundException", "Replay " + request.path("ReplayName").asText()
                            + " does not exist."));
            case "ListReplays" -> {
                ArrayNode list = Json.array();
                replays.values().forEach(list::add);
                yield Json.object().set("Replays", list);
            }
            default -> throw new ApiError("UnknownOperationException", "AWSEvents." + action
                    + " is not emulated by the local run");
        };
    }

    // ---------------------------------------------------------------- buses, rules, targets

    public String createEventBus(String name) {
        if (buses.containsKey(name)) {
            throw new ApiError("ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
        }
        EventBus bus = new EventBus(name, busArn(name));
        buses.put(name, bus);
        return bus.arn;
    }

    public String putRule(String busName, String ruleName, String patternJson, String state, String description) {
        EventBus bus = bus(busName);
        String arn = "arn:aws:events:" + region + ":" + accountId + ":rule/"
                + (bus.name.equals("default") ? "" : bus.name + "/") + ruleName;
        EventBus.Rule rule;
        try {
            rule = new EventBus.Rule(ruleName, arn, patternJson, state, description);
        } catch (RuntimeException invalid) {
            throw new ApiError("InvalidEventPatternException", "Event pattern is not valid: " + invalid.getMessage());
        }
        EventBus.Rule previous = bus.rules.put(ruleName, rule);
        if (previous != null) {
            rule.targets.putAll(previous.targets);
        }
        return arn;
    }

    public void putTarget(String busName, String ruleName, Target target) {
        if (!targets.supports(target.arn())) {
            throw new ApiError("ValidationException", "The local run cannot deliver to " + target.arn());
        }
        rule(busName, ruleName).targets.put(target.id(), target);
    }

    private ObjectNode putTargets(JsonNode request) {
        String busName = request.path("EventBusName").asText("default");
        String ruleName = text(request, "Rule");
        for (JsonNode target : request.path("Targets")) {
            List<String> unsupported = new ArrayList<>();
            target.fieldNames().forEachRemaining(field -> {
                if (!List.of("Id", "Arn", "RetryPolicy", "DeadLetterConfig", "RoleArn", "InputTransformer").contains(field)) {
                    unsupported.add(field);
                }
            });
            if (!unsupported.isEmpty()) {
                throw new ApiError("ValidationException", "Target " + target.path("Id").asText() + " uses " + unsupported
                        + ", which the local run does not emulate");
            }
            JsonNode retry = target.path("RetryPolicy");
            putTarget(busName, ruleName, new Target(text(target, "Id"), text(target, "Arn"),
                    retry.path("MaximumRetryAttempts").asInt(Target.DEFAULT_RETRY_ATTEMPTS),
                    retry.has("MaximumEventAgeInSeconds") ? Duration.ofSeconds(retry.path("MaximumEventAgeInSeconds").asLong())
                            : Target.DEFAULT_EVENT_AGE,
                    Optional.ofNullable(target.path("DeadLetterConfig").get("Arn")).map(JsonNode::asText),
                    inputTransformer(target.path("InputTransformer"))));
        }
        return (ObjectNode) Json.object().put("FailedEntryCount", 0).set("FailedEntries", Json.array());
    }

    private static Optional<InputTransformer> inputTransformer(JsonNode transformer) {
        if (transformer.isMissingNode()) {
            return Optional.empty();
        }
        Map<String, String> paths = new LinkedHashMap<>();
        transformer.path("InputPathsMap").properties().forEach(entry -> paths.put(entry.getKey(), entry.getValue().asText()));
        try {
            return Optional.of(new InputTransformer(paths, transformer.path("InputTemplate").asText()));
        } catch (IllegalArgumentException invalid) {
            throw new ApiError("ValidationException", invalid.getMessage());
        }
    }

    public String createArchive(String name, String sourceArn, Optional<String> patternJson, int retentionDays) {
        if (buses.values().stream().noneMatch(bus -> bus.arn.equals(sourceArn))) {
            throw new ApiError("ResourceNotFoundException", "Event bus " + sourceArn + " does not exist.");
        }
        String arn = "arn:aws:events:" + region + ":" + accountId + ":archive/" + name;
        archives.put(name, new Archive(name, arn, sourceArn, patternJson.map(EventPattern::of), retentionDays));
        return arn;
    }

    // ---------------------------------------------------------------- events

    /** One PutEvents call: each entry checked, put on its bus, archived, and matched against the bus's rules. */
    public ObjectNode putEvents(ArrayNode entries) {
        return putEvents(entries, entry -> Optional.empty());
    }

    /** The same, by a principal of the local run's own (a pipe's role): each entry is also checked against its bus's policy. */
    public ObjectNode putEvents(ArrayNode entries, String principalArn) {
        return putEvents(entries, entry -> refusedByPolicy(entry, List.of(principalArn)));
    }

    /**
     * Adds or replaces a statement of a bus's resource policy ({@code AWS::Events::EventBusPolicy}).
     * A statement the local run cannot evaluate is refused, naming what it cannot evaluate.
     */
    public void putPolicyStatement(String busName, String statementId, Map<String, Object> statement) {
        bus(busName).putPolicyStatement(statementId, statement);
    }

    /**
     * EventBridge's answer to an entry its bus's policy denies: for each principal the caller may be,
     * an explicit {@code Deny} matches {@code events:PutEvents} on the bus with this entry's
     * {@code events:source} and {@code events:detail-type}. A caller nobody knows has no
     * {@code aws:PrincipalArn}, which a negated condition on it matches.
     */
    private Optional<ObjectNode> refusedByPolicy(JsonNode entry, List<String> principals) {
        Optional<EventBus> bus = findBus(entry.path("EventBusName").asText("default"));
        Optional<ResourcePolicy> busPolicy = bus.flatMap(EventBus::policy);
        if (busPolicy.isEmpty()) {
            return Optional.empty();
        }
        ResourcePolicy policy = busPolicy.get();
        Map<String, String> keys = Map.of("events:source", entry.path("Source").asText(),
                "events:detail-type", entry.path("DetailType").asText());
        boolean denied = principals.isEmpty()
                ? policy.denies(new ResourcePolicy.Request("events:PutEvents", bus.get().arn, keys))
                : principals.stream().allMatch(principal -> policy.denies(new ResourcePolicy.Request("events:PutEvents",
                        bus.get().arn, with(keys, "aws:PrincipalArn", principal))));
        if (denied) {
            trace.print(Trace.Source.BUS, "PutEvents of " + entry.path("Source").asText() + " " + entry.path("DetailType").asText()
                    + " refused by the policy of bus " + bus.get().name + " (caller: " + (principals.isEmpty() ? "unknown" : principals) + ")");
            return Optional.of(entryError("NotAuthorizedForSourceException",
                    "You do not have permissions to publish events with this source onto this event bus."));
        }
        return Optional.empty();
    }

    private static Map<String, String> with(Map<String, String> keys, String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(keys);
        all.put(key, value);
        return all;
    }

    private ObjectNode putEvents(ArrayNode entries, Function<JsonNode, Optional<ObjectNode>> refusal) {
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new ApiError("ValidationException", "PutEvents takes 1 to " + MAX_ENTRIES + " entries, not " + entries.size());
        }
        long size = 0;
        for (JsonNode entry : entries) {
            size += entrySize(entry);
        }
        if (size > MAX_REQUEST_BYTES) {
            throw new ApiError("ValidationException", "Total size of the entries in the request is over the limit ("
                    + size + " bytes, at most " + MAX_REQUEST_BYTES + ")");
        }
        ArrayNode results = Json.array();
        int failed = 0;
        for (JsonNode entry : entries) {
            ObjectNode result = refusal.apply(entry).orElseGet(() -> putEvent(entry));
            failed += result.has("ErrorCode") ? 1 : 0;
            results.add(result);
        }
        return (ObjectNode) Json.object().put("FailedEntryCount", failed).set("Entries", results);
    }

    /** EventBridge's answer to an entry it could not take for a moment, when the fault switch says so. */
    private Optional<ObjectNode> refusedByFault(JsonNode entry) {
        return faults.strikes("events", "PutEvents", entry.path("EventBusName").asText("default"))
                .map(fault -> entryError(fault.kind().error(), "The entry was not put (fault injected by the local run)."));
    }

    private ObjectNode putEvent(JsonNode entry) {
        for (String required : List.of("Source", "DetailType", "Detail")) {
            if (entry.path(required).asText("").isBlank()) {
                return entryError("InvalidArgument", "Parameter " + required + " is not valid. Reason: " + required
                        + " is a required argument.");
            }
        }
        JsonNode detail;
        try {
            detail = Json.parse(entry.path("Detail").asText());
        } catch (IllegalArgumentException malformed) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            return entryError("MalformedDetail", "Detail is malformed.");
        }
        String busReference = entry.path("EventBusName").asText("default");
        Optional<EventBus> bus = findBus(busReference);
        if (bus.isEmpty()) {
            return entryError("ResourceNotFoundException", "Event bus " + busReference + " does not exist.");
        }
        String id = UUID.randomUUID().toString();
        ObjectNode event = Json.object().put("version", "0").put("id", id)
                .put("detail-type", entry.path("DetailType").asText()).put("source", entry.path("Source").asText())
                .put("account", accountId)
                .put("time", entry.hasNonNull("Time") ? entry.get("Time").asText() : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", region);
        ArrayNode resources = event.putArray("resources");
        entry.path("Resources").forEach(resources::add);
        event.set("detail", detail);
        route(bus.get(), Json.write(event), Optional.empty(), Optional.empty());
        return Json.object().put("EventId", id);
    }

    /** Archives the event (unless replayed) and delivers it to every enabled rule of the bus it matches. */
    private void route(EventBus bus, String event, Optional<String> replayName, Optional<List<String>> onlyRules) {
        if (replayName.isEmpty()) {
            archives.values().stream()
                    .filter(archive -> archive.sourceArn.equals(bus.arn))
                    .filter(archive -> archive.pattern.map(pattern -> pattern.matches(event)).orElse(true))
                    .forEach(archive -> archive.events.add(new Archive.Archived(Instant.now(), event)));
        }
        List<EventBus.Rule> matched = bus.rules.values().stream()
                .filter(rule -> rule.enabled() && onlyRules.map(arns -> arns.contains(rule.arn)).orElse(true))
                .filter(rule -> rule.pattern.matches(event))
                .toList();
        JsonNode parsed = Json.parse(event);
        String correlation = parsed.path("detail").path("metadata").path("correlationId").asText("");
        trace.print(Trace.Source.BUS, bus.name + "  " + parsed.path("detail-type").asText() + " from "
                + parsed.path("source").asText() + (correlation.isEmpty() ? "" : " (correlation " + correlation + ")")
                + replayName.map(name -> " [replay " + name + "]").orElse("")
                + (matched.isEmpty() ? "  matched no rule" : "  -> " + String.join(", ", matched.stream().map(rule -> rule.name).toList())));
        Instant now = Instant.now();
        matched.forEach(rule -> rule.targets.values().forEach(target -> deliver(rule, target, event, now)));
    }

    private void deliver(EventBus.Rule rule, Target target, String event, Instant firstAttempt) {
        pendingDeliveries.incrementAndGet();
        deliveries.submit(() -> {
            try {
                attempt(rule, target, event, firstAttempt);
            } finally {
                pendingDeliveries.decrementAndGet();
            }
        });
    }

    private void attempt(EventBus.Rule rule, Target target, String event, Instant firstAttempt) {
        int retries = 0;
        while (true) {
            try {
                Optional<Fault> denied = faults.strikes("events", "DeliverToTarget", target.arn());
                if (denied.isPresent()) {
                    throw new DeliveryFailure(denied.get().kind().error(), "EventBridge may not deliver to " + target.arn()
                            + " (fault injected by the local run)", false);
                }
                targets.deliver(target.arn(), target.inputFor(event));
                return;
            } catch (DeliveryFailure failure) {
                boolean tooOld = Duration.between(firstAttempt, Instant.now()).compareTo(target.maximumEventAge()) >= 0;
                if (!failure.retryable() || retries >= target.maximumRetryAttempts() || tooOld) {
                    deadLetter(rule, target, event, failure, retries, failure.retryable()
                            ? (tooOld ? "MaximumEventAgeExceeded" : "MaximumRetryAttemptsExceeded") : "");
                    return;
                }
                retries++;
                Duration backoff = Duration.ofMillis(Math.min(MAX_RETRY_BACKOFF.toMillis(), 500L << Math.min(retries, 10)));
                trace.print(Trace.Source.BUS, "rule " + rule.name + ": delivery to " + target.id() + " failed ("
                        + failure.errorCode() + "), retry " + retries + " in " + backoff.toMillis() + " ms");
                if (!Pause.sleep(backoff)) {
                    return;
                }
            }
        }
    }

    private void deadLetter(EventBus.Rule rule, Target target, String event, DeliveryFailure failure, int retries,
                            String exhausted) {
        if (target.deadLetterArn().isEmpty()) {
            trace.print(Trace.Source.BUS, "rule " + rule.name + ": event dropped, target " + target.id() + " failed ("
                    + failure.errorCode() + ": " + failure.getMessage() + ") and has no dead-letter queue");
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("RULE_ARN", rule.arn);
        attributes.put("TARGET_ARN", target.arn());
        attributes.put("ERROR_CODE", failure.errorCode());
        attributes.put("ERROR_MESSAGE", failure.getMessage());
        attributes.put("RETRY_ATTEMPTS", Integer.toString(retries));
        if (!exhausted.isEmpty()) {
            attributes.put("EXHAUSTED_RETRY_CONDITION", exhausted);
        }
        try {
            targets.deadLetter(target.deadLetterArn().get(), event, attributes);
            trace.print(Trace.Source.BUS, "rule " + rule.name + ": event sent to the dead-letter queue of target "
                    + target.id() + " (" + failure.errorCode() + ": " + failure.getMessage() + ")");
        } catch (RuntimeException e) {
            trace.print(Trace.Source.BUS, "rule " + rule.name + ": event lost, its dead-letter queue refused it: " + e.getMessage());
        }
    }

    /** Waits until every delivery started so far has ended (delivered, dead-lettered or dropped). */
    public void awaitDeliveries(Duration limit) {
        Pause.until(() -> pendingDeliveries.get() == 0, limit, Duration.ofMillis(20));
    }

    // ---------------------------------------------------------------- replays

    private ObjectNode startReplay(JsonNode request) {
        String name = text(request, "ReplayName");
        String archiveArn = text(request, "EventSourceArn");
        Archive archive = archives.values().stream().filter(candidate -> candidate.arn.equals(archiveArn)).findFirst()
                .orElseThrow(() -> new ApiError("ResourceNotFoundException", "Archive " + archiveArn + " does not exist."));
        Instant start = instant(request.path("EventStartTime"));
        Instant end = instant(request.path("EventEndTime"));
        String destinationArn = text(request.path("Destination"), "Arn");
        EventBus destination = buses.values().stream().filter(bus -> bus.arn.equals(destinationArn)).findFirst()
                .orElseThrow(() -> new ApiError("ResourceNotFoundException", "Event bus " + destinationArn + " does not exist."));
        Optional<List<String>> onlyRules = Optional.ofNullable(request.path("Destination").get("FilterArns")).map(arns -> {
            List<String> ruleArns = new ArrayList<>();
            arns.forEach(arn -> ruleArns.add(arn.asText()));
            return ruleArns;
        });
        if (replays.containsKey(name)) {
            throw new ApiError("ResourceAlreadyExistsException", "Replay " + name + " already exists.");
        }
        String arn = "arn:aws:events:" + region + ":" + accountId + ":replay/" + name;
        ObjectNode replay = Json.object().put("ReplayName", name).put("ReplayArn", arn).put("State", "STARTING")
                .put("EventSourceArn", archiveArn).put("EventStartTime", start.getEpochSecond())
                .put("EventEndTime", end.getEpochSecond()).put("ReplayStartTime", Instant.now().getEpochSecond());
        replays.put(name, replay);
        Thread.ofVirtual().name("replay-" + name).start(() -> {
            synchronized (replay) {
                replay.put("State", "RUNNING");
            }
            int replayed = 0;
            for (Archive.Archived archived : List.copyOf(archive.events)) {
                if (!archived.time().isBefore(start) && archived.time().isBefore(end)) {
                    ObjectNode event = (ObjectNode) Json.parse(archived.event());
                    event.put("replay-name", name);
                    route(destination, Json.write(event), Optional.of(name), onlyRules);
                    replayed++;
                }
            }
            synchronized (replay) {
                replay.put("State", "COMPLETED").put("ReplayEndTime", Instant.now().getEpochSecond())
                        .put("EventLastReplayedTime", end.getEpochSecond());
            }
            trace.print(Trace.Source.BUS, "replay " + name + " completed: " + replayed + " events from archive " + archive.name);
        });
        return Json.object().put("ReplayArn", arn).put("State", "STARTING")
                .put("ReplayStartTime", Instant.now().getEpochSecond());
    }

    private static Instant instant(JsonNode value) {
        if (value.isNumber()) {
            return Instant.ofEpochMilli((long) (value.asDouble() * 1000));
        }
        if (value.isTextual()) {
            return Instant.parse(value.asText());
        }
        throw new IllegalArgumentException("A replay needs EventStartTime and EventEndTime");
    }

    // ---------------------------------------------------------------- descriptions

    private ObjectNode describeBus(EventBus bus) {
        return Json.object().put("Name", bus.name).put("Arn", bus.arn);
    }

    private ObjectNode listBuses() {
        ArrayNode list = Json.array();
        buses.values().forEach(bus -> list.add(describeBus(bus)));
        return (ObjectNode) Json.object().set("EventBuses", list);
    }

    private ObjectNode describeRule(EventBus.Rule rule) {
        return Json.object().put("Name", rule.name).put("Arn", rule.arn).put("EventPattern", rule.patternJson)
                .put("State", rule.state).put("Description", rule.description);
    }

    private ObjectNode listRules(EventBus bus) {
        ArrayNode list = Json.array();
        bus.rules.values().forEach(rule -> list.add(describeRule(rule).put("EventBusName", bus.name)));
        return (ObjectNode) Json.object().set("Rules", list);
    }

    private ObjectNode listTargets(EventBus.Rule rule) {
        ArrayNode list = Json.array();
        for (Target target : rule.targets.values()) {
            ObjectNode node = Json.object().put("Id", target.id()).put("Arn", target.arn());
            node.putObject("RetryPolicy").put("MaximumRetryAttempts", target.maximumRetryAttempts())
                    .put("MaximumEventAgeInSeconds", target.maximumEventAge().toSeconds());
            target.deadLetterArn().ifPresent(dlq -> node.putObject("DeadLetterConfig").put("Arn", dlq));
            list.add(node);
        }
        return (ObjectNode) Json.object().set("Targets", list);
    }

    private ObjectNode describeArchive(Archive archive) {
        return Json.object().put("ArchiveName", archive.name).put("ArchiveArn", archive.arn)
                .put("EventSourceArn", archive.sourceArn).put("State", "ENABLED").put("RetentionDays", archive.retentionDays)
                .put("EventCount", archive.events.size()).put("CreationTime", archive.created.getEpochSecond());
    }

    // ---------------------------------------------------------------- helpers

    private String busArn(String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + name;
    }

    private Optional<EventBus> findBus(String nameOrArn) {
        String name = nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
        return Optional.ofNullable(buses.get(name));
    }

    private EventBus bus(String nameOrArn) {
        return findBus(nameOrArn).orElseThrow(() -> new ApiError("ResourceNotFoundException",
                "Event bus " + nameOrArn + " does not exist."));
    }

    private EventBus.Rule rule(String busName, String ruleName) {
        return Optional.ofNullable(bus(busName).rules.get(ruleName)).orElseThrow(() -> new ApiError(
                "ResourceNotFoundException", "Rule " + ruleName + " does not exist on EventBus " + busName + "."));
    }

    private Archive archive(String name) {
        return Optional.ofNullable(archives.get(name)).orElseThrow(() -> new ApiError("ResourceNotFoundException",
                "Archive " + name + " does not exist."));
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.asText().isEmpty()) {
            throw new ApiError("ValidationException", field + " is required");
        }
        return value.asText();
    }

    /** The size EventBridge counts for an entry: its time (14), source, detail-type, detail and resources, in UTF-8. */
    static long entrySize(JsonNode entry) {
        long size = entry.hasNonNull("Time") ? 14 : 0;
        for (String field : List.of("Source", "DetailType", "Detail")) {
            size += entry.path(field).asText("").getBytes(StandardCharsets.UTF_8).length;
        }
        for (JsonNode resource : entry.path("Resources")) {
            size += resource.asText().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    private static ObjectNode entryError(String code, String message) {
        return Json.object().put("ErrorCode", code).put("ErrorMessage", message);
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        HttpServers.answer(exchange, status, Map.of("Content-Type", "application/x-amz-json-1.1"),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        deliveries.shutdownNow();
    }
}
