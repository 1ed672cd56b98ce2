package com.example.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.example.reliability.FinalState.PartnerReport;
import com.example.reliability.FinalState.StoredInvoice;
import com.example.reliability.FinalState.StoredOrder;

/**
 * The reconciler on final states built by hand: the state a correct application leaves passes, and
 * each way of losing or doubling something is found and named.
 */
class ReconcilerTest {

    private static final Instant PLACED = Instant.parse("2026-11-25T10:00:00Z");

    private final LoadPlan plan = LoadPlan.generate("t", 40, 3);
    private final PartnerDrop drop = new PartnerDrop("t", 30);

    @Test
    void theStateACorrectApplicationLeavesPasses() {
        Reconciliation verdict = reconcile(new World());

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.lost()).isZero();
        assertThat(verdict.doubled()).isZero();
        assertThat(verdict.partnerOrders()).isEqualTo(drop.goodLines());
        assertThat(verdict.accepted()).isEqualTo(plan.requests().stream().filter(request -> request.original() == -1
                && request.kind() != RequestKind.INVALID).count());
    }

    @Test
    void anAcceptedOrderThatNeverArrivedIsLost() {
        World world = new World();
        PlannedRequest standard = plan.of(RequestKind.STANDARD).getFirst();
        world.orders.removeIf(order -> order.customerId().equals(standard.customerId()));

        Reconciliation verdict = reconcile(world);

        assertThat(verdict.lost()).isEqualTo(1);
        assertThat(verdict.violations()).anySatisfy(violation -> assertThat(violation).contains("was accepted but is not stored"));
    }

    @Test
    void anOrderStuckOrFailedIsLostAndNamed() {
        World world = new World();
        PlannedRequest review = plan.of(RequestKind.REVIEW).getFirst();
        world.setStatus(review.customerId(), "UNDER_REVIEW");

        Reconciliation verdict = reconcile(world);

        assertThat(verdict.lost()).isEqualTo(1);
        assertThat(verdict.violations()).anySatisfy(violation -> assertThat(violation).contains("is UNDER_REVIEW, not INVOICED"));
    }

    @Test
    void aSecondOrderForOneKeyASecondInvoiceAndAReusedNumberAreDoubled() {
        World world = new World();
        StoredOrder first = world.orders.getFirst();
        world.orders.add(new StoredOrder("extra-order", first.customerId(), "PLACED", Optional.of(PLACED), Optional.empty(), Optional.empty()));
        StoredOrder invoiced = world.orders.stream().filter(order -> order.status().equals("INVOICED")).findFirst().orElseThrow();
        world.invoices.add(new StoredInvoice("second-invoice", invoiced.orderId(), invoiced.invoiceNumber().orElseThrow()));
        world.numbers.add(invoiced.invoiceNumber().orElseThrow());

        Reconciliation verdict = reconcile(world);

        assertThat(verdict.doubled()).isGreaterThanOrEqualTo(3);
        assertThat(verdict.violations()).anySatisfy(violation -> assertThat(violation).contains("made 2 orders"))
                .anySatisfy(violation -> assertThat(violation).contains("has 2 invoices"))
                .anySatisfy(violation -> assertThat(violation).contains("was issued 2 times"));
    }

    @Test
    void gapsInTheInvoiceNumbersPassOnlyWhereTheFaultsCanExplainThem() {
        World world = new World();
        world.numbers.add("INV-2026-000900");

        assertThat(reconcile(world).violations()).anySatisfy(violation -> assertThat(violation).contains("missing from the sequence"));
        assertThat(Reconciler.reconcile(plan, world.ledger, drop, world.state(), 1_000, Map.of()).violations()).isEmpty();
    }

    @Test
    void aPartnerLineWithoutItsOrderAndAReportThatDisagreesAreFound() {
        World world = new World();
        world.orders.removeIf(order -> order.customerId().equals(drop.customerOf(1)));
        world.report = new PartnerReport(30, 28, 2, List.of(1, 25));

        Reconciliation verdict = reconcile(world);

        assertThat(verdict.violations()).anySatisfy(violation -> assertThat(violation).contains("partner line 1 made no order"))
                .anySatisfy(violation -> assertThat(violation).contains("the report of"));
    }

    @Test
    void anAnswerTheKindDoesNotAllowAndADeadLetterTheRunAddedAreViolations() {
        World world = new World();
        PlannedRequest invalid = plan.of(RequestKind.INVALID).getFirst();
        world.ledger.replaceAll(sent -> sent.sequence() == invalid.sequence()
                ? new SentRequest(sent.sequence(), sent.sentAtMs(), 5, 4, 500, Optional.empty(), false) : sent);
        world.deadLetters.put("s-InvoiceDeadLetterQueue", 2);

        Reconciliation verdict = reconcile(world);

        assertThat(verdict.violations()).anySatisfy(violation -> assertThat(violation).contains("was answered 500 after 4 attempt(s)"))
                .anySatisfy(violation -> assertThat(violation).contains("s-InvoiceDeadLetterQueue holds 2"));
        assertThat(Reconciler.reconcile(plan, world.ledger, drop, world.state(), 0, Map.of("s-InvoiceDeadLetterQueue", 2)).violations())
                .as("what a queue held before the run is not the run's").noneSatisfy(violation -> assertThat(violation).contains("InvoiceDeadLetterQueue"));
        assertThat(Reconciler.reconcile(plan, world.ledger, drop, world.state(), 0, Map.of("s-InvoiceDeadLetterQueue", 1)).violations())
                .anySatisfy(violation -> assertThat(violation).contains("holds 2 message(s), 1 before the run"));
    }

    private Reconciliation reconcile(World world) {
        return Reconciler.reconcile(plan, world.ledger, drop, world.state(), 0, Map.of());
    }

    /** What a correct application leaves after the plan: every answer as planned, every order where it belongs. */
    private final class World {
        final List<SentRequest> ledger = new ArrayList<>();
        final List<StoredOrder> orders = new ArrayList<>();
        final List<StoredInvoice> invoices = new ArrayList<>();
        final List<String> numbers = new ArrayList<>();
        final Map<String, Integer> deadLetters = new HashMap<>(Map.of("s-InvoiceDeadLetterQueue", 0));
        PartnerReport report = new PartnerReport(30, 29, 1, List.of(25));

        World() {
            for (PlannedRequest request : plan.requests()) {
                String orderId = "order-" + (request.original() == -1 ? request.sequence() : request.original());
                int status = switch (request.kind()) {
                    case INVALID -> 400;
                    case KEY_REUSED -> 422;
                    default -> 202;
                };
                ledger.add(new SentRequest(request.sequence(), 1_000 + request.sequence(), 20, 1, status,
                        status == 202 ? Optional.of(orderId) : Optional.empty(), request.kind() == RequestKind.REPLAY));
                if (request.original() == -1 && request.kind() != RequestKind.INVALID) {
                    add(orderId, request.customerId(), request.kind().finalStatus().orElseThrow());
                }
            }
            for (int line = 1; line <= drop.lines(); line++) {
                if (!PartnerDrop.isBad(line)) {
                    add("partner-order-" + line, drop.customerOf(line), "INVOICED");
                }
            }
        }

        void add(String orderId, String customerId, String status) {
            Optional<String> number = Optional.empty();
            if (status.equals("INVOICED")) {
                number = Optional.of("INV-2026-%06d".formatted(numbers.size() + 1));
                numbers.add(number.get());
                invoices.add(new StoredInvoice("invoice-" + orderId, orderId, number.get()));
            }
            orders.add(new StoredOrder(orderId, customerId, status, Optional.of(PLACED), Optional.of(PLACED.plusSeconds(2)), number));
        }

        void setStatus(String customerId, String status) {
            orders.replaceAll(order -> order.customerId().equals(customerId)
                    ? new StoredOrder(order.orderId(), customerId, status, order.placedAt(), order.updatedAt(), Optional.empty()) : order);
            invoices.removeIf(invoice -> orders.stream().anyMatch(order -> order.orderId().equals(invoice.orderId())
                    && order.customerId().equals(customerId)));
        }

        FinalState state() {
            return new FinalState(orders, invoices, numbers, Optional.of(report), deadLetters);
        }
    }
}
