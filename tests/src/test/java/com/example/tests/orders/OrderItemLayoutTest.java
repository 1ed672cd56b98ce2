package com.example.tests.orders;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.orders.domain.Channel;
import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderLine;
import com.example.orders.domain.OrderStatus;
import com.example.orders.domain.Provenance;
import com.example.orders.review.ReviewAnswer;
import com.example.orders.review.ReviewDecision;
import com.example.orders.review.ReviewStore;
import com.example.orders.store.DynamoDbOrderRepository;
import com.example.orders.store.OrderDetails;
import com.example.orders.store.OrderInvoice;
import com.example.orders.store.OrderRepository;
import com.example.platform.money.Money;
import com.example.tests.local.LocalImplementations;
import com.example.tests.template.TestStack;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The orders table's item layout is a contract: the outbox pipe's filter and input template, the
 * workflow's direct DynamoDB integrations and every order already stored depend on its attribute
 * names and types. The literal items here are what the repository wrote when it mapped items by
 * hand, before the enhanced client, plus {@code placedBy} (added with reviewer separation); it must
 * keep writing exactly them, and read them back, with or without {@code placedBy}. On DynamoDB
 * Local, AWS's own implementation.
 */
class OrderItemLayoutTest {

    private static final String ORDER_ID = "7ac58429-5a2a-50f3-a424-b568b9d8fe2b";
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant PLACED_AT = Instant.parse("2026-03-14T09:26:53.589Z");
    private static final Instant LATER = Instant.parse("2026-03-14T10:02:07.120Z");
    private static final String PLACER = "arn:aws:iam::123456789012:user/checkout-service";

    private static final Order ORDER = new Order(new OrderId(UUID.fromString(ORDER_ID)), "customer-1842", EUR,
            List.of(new OrderLine("BOOK-0451", 2, euros("19.90")), new OrderLine("PEN-0007", 3, euros("2.50"))),
            OrderStatus.PLACED, Channel.API, new Provenance("web-session-5521", "request-8841", PLACER), PLACED_AT,
            "3f1d7c0a9b");

    /** {@link #ORDER} as the hand mapping wrote it. */
    private static final Map<String, AttributeValue> PLACED_ITEM = Map.ofEntries(
            entry("orderId", text(ORDER_ID)),
            entry("customerId", text("customer-1842")),
            entry("status", text("PLACED")),
            entry("channel", text("API")),
            entry("currency", text("EUR")),
            entry("lines", AttributeValue.fromL(List.of(
                    AttributeValue.fromM(Map.of("sku", text("BOOK-0451"), "quantity", number("2"), "unitPrice", text("19.90"))),
                    AttributeValue.fromM(Map.of("sku", text("PEN-0007"), "quantity", number("3"), "unitPrice", text("2.50")))))),
            entry("totalAmount", text("47.30")),
            entry("itemCount", number("5")),
            entry("placedAt", text("2026-03-14T09:26:53.589Z")),
            entry("correlationId", text("web-session-5521")),
            entry("causationId", text("request-8841")),
            entry("requestFingerprint", text("3f1d7c0a9b")),
            entry("placedBy", text(PLACER)));

    /** An order stored before its placer was recorded: it reads back, and its review is open to anyone. */
    private static final Map<String, AttributeValue> ITEM_WITHOUT_PLACER = without(PLACED_ITEM, "placedBy");

    private TestStack stack;
    private DynamoDbClient dynamoDb;
    private DynamoDbOrderRepository orders;

    @BeforeEach
    void deploy() {
        stack = TestStack.deploy(LocalImplementations.moto(), "OrdersTable");
        dynamoDb = stack.clients().dynamoDb();
        orders = new DynamoDbOrderRepository(dynamoDb, stack.clients().dynamoDbEnhanced(dynamoDb),
                stack.ref("OrdersTable"));
    }

    @AfterEach
    void closeClient() {
        dynamoDb.close();
    }

    @Test
    void aPlacedOrderIsStoredAsTheItemTheStreamConsumersRead() {
        assertThat(orders.insertIfAbsent(ORDER)).isEqualTo(new OrderRepository.Inserted());

        assertThat(storedItem()).isEqualTo(PLACED_ITEM);
    }

    @Test
    void anOrderStoredByTheHandMappingIsReadBackWhole() {
        store(PLACED_ITEM);

        assertThat(orders.insertIfAbsent(ORDER)).isEqualTo(new OrderRepository.AlreadyExists(ORDER));
        assertThat(orders.findDetails(ORDER.id())).contains(new OrderDetails(ORDER.id(), "customer-1842",
                OrderStatus.PLACED, Channel.API, ORDER.lines(), euros("47.30"), 5, PLACED_AT, Optional.empty()));
    }

    @Test
    void invoicingAddsTheSameAttributesAndAReplayReadsThemBack() {
        store(with(PLACED_ITEM, Map.of("status", text("CONFIRMED"))));

        assertThat(orders.markInvoiced(ORDER.id(), "b3c0d1e2-0000-5000-8000-000000000042", "INV-2026-000042", LATER))
                .isEqualTo(new OrderRepository.Invoiced());

        assertThat(storedItem()).isEqualTo(with(PLACED_ITEM, Map.of("status", text("INVOICED"),
                "invoiceId", text("b3c0d1e2-0000-5000-8000-000000000042"), "invoiceNumber", text("INV-2026-000042"),
                "updatedAt", text("2026-03-14T10:02:07.120Z"))));
        assertThat(orders.markInvoiced(ORDER.id(), "another", "INV-2026-000043", LATER))
                .isEqualTo(new OrderRepository.AlreadyInvoiced("b3c0d1e2-0000-5000-8000-000000000042"));
        assertThat(orders.findDetails(ORDER.id()).orElseThrow().invoice())
                .contains(new OrderInvoice("b3c0d1e2-0000-5000-8000-000000000042", "INV-2026-000042"));
    }

    @Test
    void aReviewAnswerIsRecordedAndTakenBackAsTheSameAttributes() {
        Map<String, AttributeValue> underReview = with(PLACED_ITEM,
                Map.of("status", text("UNDER_REVIEW"), "reviewTaskToken", text("token-77")));
        store(underReview);
        ReviewAnswer answer = new ReviewAnswer(ReviewDecision.APPROVE, "known customer", "reviewer-3", LATER);

        assertThat(orders.claim(ORDER.id(), answer)).isEqualTo(new ReviewStore.Claimed("token-77"));

        assertThat(storedItem()).isEqualTo(with(underReview, Map.of("reviewDecision", text("APPROVE"),
                "reviewReason", text("known customer"), "reviewer", text("reviewer-3"),
                "reviewedAt", text("2026-03-14T10:02:07.120Z"))));
        assertThat(orders.claim(ORDER.id(), answer)).isEqualTo(new ReviewStore.AlreadyAnswered(ReviewDecision.APPROVE));
        orders.release(ORDER.id(), answer);
        assertThat(storedItem()).isEqualTo(underReview);
    }

    /** An answer the workflow already confirmed the order with (read from the order) is never taken back. */
    @Test
    void anAnswerThatConfirmedTheOrderIsKept() {
        store(with(PLACED_ITEM, Map.of("status", text("UNDER_REVIEW"), "reviewTaskToken", text("token-77"))));
        ReviewAnswer answer = new ReviewAnswer(ReviewDecision.APPROVE, "known customer", "reviewer-3", LATER);
        assertThat(orders.claim(ORDER.id(), answer)).isEqualTo(new ReviewStore.Claimed("token-77"));
        Map<String, AttributeValue> confirmed = with(storedItem(), Map.of("status", text("CONFIRMED")));
        store(confirmed);

        orders.release(ORDER.id(), answer);

        assertThat(storedItem()).isEqualTo(confirmed);
    }

    @Test
    void thePlacersOwnAnswerIsRefusedAndRecordsNothing() {
        Map<String, AttributeValue> underReview = with(PLACED_ITEM,
                Map.of("status", text("UNDER_REVIEW"), "reviewTaskToken", text("token-77")));
        store(underReview);

        assertThat(orders.claim(ORDER.id(), new ReviewAnswer(ReviewDecision.APPROVE, "mine", PLACER, LATER)))
                .isEqualTo(new ReviewStore.PlacedByReviewer());
        assertThat(storedItem()).isEqualTo(underReview);
    }

    @Test
    void anOrderStoredWithoutItsPlacerReadsBackAndTakesAReview() {
        Map<String, AttributeValue> underReview = with(ITEM_WITHOUT_PLACER,
                Map.of("status", text("UNDER_REVIEW"), "reviewTaskToken", text("token-78")));
        store(underReview);

        assertThat(orders.insertIfAbsent(ORDER)).isEqualTo(new OrderRepository.AlreadyExists(new Order(ORDER.id(),
                ORDER.customerId(), EUR, ORDER.lines(), OrderStatus.UNDER_REVIEW, Channel.API,
                new Provenance("web-session-5521", "request-8841", Provenance.PLACER_NOT_RECORDED), PLACED_AT, "3f1d7c0a9b")));
        assertThat(orders.claim(ORDER.id(), new ReviewAnswer(ReviewDecision.REJECT, "unknown", "reviewer-3", LATER)))
                .isEqualTo(new ReviewStore.Claimed("token-78"));
    }

    private void store(Map<String, AttributeValue> item) {
        dynamoDb.putItem(builder -> builder.tableName(stack.ref("OrdersTable")).item(item));
    }

    private Map<String, AttributeValue> storedItem() {
        return dynamoDb.getItem(builder -> builder.tableName(stack.ref("OrdersTable"))
                .key(Map.of("orderId", text(ORDER_ID))).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, Map<String, AttributeValue> changes) {
        Map<String, AttributeValue> changed = new HashMap<>(item);
        changed.putAll(changes);
        return changed;
    }

    private static Map<String, AttributeValue> without(Map<String, AttributeValue> item, String attribute) {
        Map<String, AttributeValue> changed = new HashMap<>(item);
        changed.remove(attribute);
        return Map.copyOf(changed);
    }

    private static Money euros(String amount) {
        return new Money(new BigDecimal(amount), EUR);
    }

    private static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(String value) {
        return AttributeValue.fromN(value);
    }
}
