package com.example.reliability;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.endtoend.Api;
import com.example.endtoend.Stack;

import io.gatling.http.client.Request;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

/**
 * The load, in Gatling: every planned order placement once, signed with SigV4, in a ramp, a burst and
 * a tail; a 5xx or no answer is sent again with the same Idempotency-Key after a second, as a client
 * should, at most {@value #ATTEMPTS} times. Beside it, the partner file is dropped and the drill's
 * faults are switched on at their moments. Every request's last answer goes to the ledger.
 */
public final class OrderPlacementSimulation extends Simulation {

    static final int ATTEMPTS = 4;

    private final RunSettings settings = RunSettings.fromSystemProperties();
    private final Stack stack = Stack.described(settings.outputs());
    private final Api api = Api.orders(stack);
    private final LoadPlan plan = LoadPlan.read(settings.planFile());
    private final Ledger ledger = new Ledger();
    private final URI orders = api.resolve("/orders");

    {
        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(placements().injectOpen(shape(plan.requests().size(), settings.ramp())));
        if (settings.partnerLines() > 0) {
            populations.add(partnerFile().injectOpen(atOnceUsers(1)));
        }
        if (!settings.drill().faults().isEmpty()) {
            populations.add(faults().injectOpen(atOnceUsers(1)));
        }
        setUp(populations).protocols(http.disableCaching().shareConnections()).maxDuration(Duration.ofMinutes(20));
    }

    /** Half the requests ramp up over the ramp, a fifth arrive at once, the rest ramp over half the ramp again. */
    static OpenInjectionStep[] shape(int requests, Duration ramp) {
        int burst = requests / 5;
        int ramped = requests / 2;
        return new OpenInjectionStep[] {rampUsers(ramped).during(ramp), atOnceUsers(burst),
                rampUsers(requests - ramped - burst).during(ramp.dividedBy(2))};
    }

    private ScenarioBuilder placements() {
        Iterator<Map<String, Object>> feeder = plan.requests().stream()
                .map(request -> Map.<String, Object>of("sequence", request.sequence(), "key", request.idempotencyKey(),
                        "body", request.body()))
                .iterator();
        ChainBuilder attempt = exec(session -> session.set("attempt", session.getInt("attempt") + 1).set("startedNs", System.nanoTime()))
                .exec(http("POST /orders").post(orders.toString())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "#{key}")
                        .body(io.gatling.javaapi.core.CoreDsl.StringBody("#{body}"))
                        .sign(this::signed)
                        .check(status().saveAs("status"), header("Idempotent-Replayed").optional().saveAs("replayed"),
                                bodyString().saveAs("answer")))
                .exec(session -> session.set("latencyMs", (System.nanoTime() - session.getLong("startedNs")) / 1_000_000))
                .doIf(OrderPlacementSimulation::worthRetrying).then(exec(pauseOneSecond()));
        return scenario("order placements").feed(feeder)
                .exec(session -> session.set("attempt", 0).set("status", 0).set("sentAtMs", System.currentTimeMillis()))
                .exec(asLongAs(OrderPlacementSimulation::worthRetrying).on(attempt))
                .exec(session -> {
                    ledger.record(sent(session));
                    return session;
                });
    }

    private static ChainBuilder pauseOneSecond() {
        return exec(io.gatling.javaapi.core.CoreDsl.pause(Duration.ofSeconds(1)));
    }

    /** Not answered yet, or answered 5xx (or not at all), with attempts left. */
    static boolean worthRetrying(Session session) {
        int status = session.contains("status") ? session.getInt("status") : 0;
        return (status == 0 || status >= 500) && session.getInt("attempt") < ATTEMPTS;
    }

    private SentRequest sent(Session session) {
        int status = session.contains("status") ? session.getInt("status") : 0;
        Optional<String> orderId = Optional.empty();
        if (status == 202 && session.contains("answer")) {
            try {
                orderId = Optional.of(Stack.JSON.readTree(session.getString("answer")).path("orderId").asText())
                        .filter(id -> !id.isEmpty());
            } catch (IOException notJson) {
                orderId = Optional.empty();
            }
        }
        return new SentRequest(session.getInt("sequence"), session.getLong("sentAtMs"),
                session.contains("latencyMs") ? session.getLong("latencyMs") : 0, session.getInt("attempt"), status, orderId,
                "true".equals(session.contains("replayed") ? session.getString("replayed") : null));
    }

    /** Gatling's request, signed for execute-api with the stack's credentials (the same signing as the end-to-end suite). */
    private Request signed(Request request) {
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        Map<String, String> headers = Map.of("Content-Type", request.getHeaders().get("Content-Type"),
                "Idempotency-Key", request.getHeaders().get("Idempotency-Key"));
        api.signedHeaders(request.getMethod().name(), URI.create(request.getUri().toUrl()), headers, body)
                .forEach((name, values) -> request.getHeaders().set(name, values));
        return request;
    }

    private ScenarioBuilder partnerFile() {
        PartnerDrop drop = new PartnerDrop(plan.runId(), settings.partnerLines());
        return scenario("partner file").pause(Duration.ofSeconds(2)).exec(session -> {
            try (var s3 = stack.s3()) {
                drop.upload(s3, stack.output("PartnerBucketName"));
            }
            return session;
        });
    }

    private ScenarioBuilder faults() {
        FaultSwitchClient faultSwitch = new FaultSwitchClient(stack);
        ScenarioBuilder scenario = scenario("faults: " + settings.drill().drillName());
        Duration elapsed = Duration.ZERO;
        List<FaultRequest> inOrder = settings.drill().faults().stream().sorted(Comparator.comparing(FaultRequest::after)).toList();
        for (FaultRequest fault : inOrder) {
            scenario = scenario.pause(fault.after().minus(elapsed)).exec(session -> {
                faultSwitch.inject(fault);
                return session;
            });
            elapsed = fault.after();
        }
        return scenario;
    }

    @Override
    public void after() {
        ledger.write(settings.ledgerFile());
    }
}
