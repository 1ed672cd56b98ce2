package com.example.orders.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.example.orders.domain.Channel;
import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderLine;
import com.example.orders.domain.OrderStatus;
import com.example.orders.domain.Provenance;
import com.example.orders.review.ReviewAnswer;
import com.example.orders.review.ReviewDecision;
import com.example.platform.aws.TextAttribute;
import com.example.platform.money.Money;

import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item of the orders table, attribute for attribute, and its schema: the one declaration of a
 * layout that others read too. The outbox pipe filters on {@code status} and copies {@code orderId},
 * {@code customerId}, {@code channel}, {@code totalAmount}, {@code currency}, {@code itemCount},
 * {@code placedAt}, {@code correlationId} and {@code causationId} into {@code OrderPlaced}
 * (template.yaml, OrderPlacedPipe); the workflow writes {@code status} and {@code reviewTaskToken}
 * (statemachine/). Amounts are text at the currency's scale. An attribute the item lacks is null,
 * the enhanced client's absent value: an order gains attributes as it is reviewed and invoiced.
 */
record OrderItem(OrderId orderId, String customerId, OrderStatus status, Channel channel, Currency currency,
                 List<Line> lines, BigDecimal totalAmount, Integer itemCount, Instant placedAt, String correlationId,
                 String causationId, String requestFingerprint, String invoiceId, String invoiceNumber,
                 Instant updatedAt, String reviewTaskToken, ReviewDecision reviewDecision, String reviewReason,
                 String reviewer, Instant reviewedAt, String placedBy) {

    // The names expressions and projections use; the schema below declares every attribute.
    static final String ORDER_ID = "orderId";
    static final String STATUS = "status";
    static final String REVIEW_TASK_TOKEN = "reviewTaskToken";
    static final String REVIEW_DECISION = "reviewDecision";
    static final String REVIEW_REASON = "reviewReason";
    static final String REVIEWER = "reviewer";
    static final String REVIEWED_AT = "reviewedAt";
    static final String PLACED_BY = "placedBy";

    /** The attributes {@link OrderDetails} needs: the projection of every API read. */
    static final List<String> DETAIL_ATTRIBUTES = List.of(ORDER_ID, "customerId", STATUS, "channel", "currency",
            "lines", "totalAmount", "itemCount", "placedAt", "invoiceId", "invoiceNumber");

    private static final TextAttribute<OrderId> ORDER_ID_TEXT = TextAttribute.of(OrderId.class, OrderId::toString,
            text -> new OrderId(UUID.fromString(text)));

    private static final EnhancedType<List<Line>> LINES = EnhancedType.listOf(
            EnhancedType.documentOf(Line.class, Line.SCHEMA));

    static final TableSchema<OrderItem> SCHEMA = StaticImmutableTableSchema.builder(OrderItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(OrderId.class, a -> a.name(ORDER_ID).tags(primaryPartitionKey())
                    .attributeConverter(ORDER_ID_TEXT)
                    .getter(OrderItem::orderId).setter((item, value) -> item.orderId = value))
            .addAttribute(String.class, a -> a.name("customerId")
                    .getter(OrderItem::customerId).setter((item, value) -> item.customerId = value))
            .addAttribute(OrderStatus.class, a -> a.name(STATUS)
                    .getter(OrderItem::status).setter((item, value) -> item.status = value))
            .addAttribute(Channel.class, a -> a.name("channel")
                    .getter(OrderItem::channel).setter((item, value) -> item.channel = value))
            .addAttribute(Currency.class, a -> a.name("currency").attributeConverter(TextAttribute.CURRENCY)
                    .getter(OrderItem::currency).setter((item, value) -> item.currency = value))
            .addAttribute(LINES, a -> a.name("lines")
                    .getter(OrderItem::lines).setter((item, value) -> item.lines = value))
            .addAttribute(BigDecimal.class, a -> a.name("totalAmount").attributeConverter(TextAttribute.EXACT_DECIMAL)
                    .getter(OrderItem::totalAmount).setter((item, value) -> item.totalAmount = value))
            .addAttribute(Integer.class, a -> a.name("itemCount")
                    .getter(OrderItem::itemCount).setter((item, value) -> item.itemCount = value))
            .addAttribute(Instant.class, a -> a.name("placedAt")
                    .getter(OrderItem::placedAt).setter((item, value) -> item.placedAt = value))
            .addAttribute(String.class, a -> a.name("correlationId")
                    .getter(OrderItem::correlationId).setter((item, value) -> item.correlationId = value))
            .addAttribute(String.class, a -> a.name("causationId")
                    .getter(OrderItem::causationId).setter((item, value) -> item.causationId = value))
            .addAttribute(String.class, a -> a.name("requestFingerprint")
                    .getter(OrderItem::requestFingerprint).setter((item, value) -> item.requestFingerprint = value))
            .addAttribute(String.class, a -> a.name("invoiceId")
                    .getter(OrderItem::invoiceId).setter((item, value) -> item.invoiceId = value))
            .addAttribute(String.class, a -> a.name("invoiceNumber")
                    .getter(OrderItem::invoiceNumber).setter((item, value) -> item.invoiceNumber = value))
            .addAttribute(Instant.class, a -> a.name("updatedAt")
                    .getter(OrderItem::updatedAt).setter((item, value) -> item.updatedAt = value))
            .addAttribute(String.class, a -> a.name(REVIEW_TASK_TOKEN)
                    .getter(OrderItem::reviewTaskToken).setter((item, value) -> item.reviewTaskToken = value))
            .addAttribute(ReviewDecision.class, a -> a.name(REVIEW_DECISION)
                    .getter(OrderItem::reviewDecision).setter((item, value) -> item.reviewDecision = value))
            .addAttribute(String.class, a -> a.name(REVIEW_REASON)
                    .getter(OrderItem::reviewReason).setter((item, value) -> item.reviewReason = value))
            .addAttribute(String.class, a -> a.name(REVIEWER)
                    .getter(OrderItem::reviewer).setter((item, value) -> item.reviewer = value))
            .addAttribute(Instant.class, a -> a.name(REVIEWED_AT)
                    .getter(OrderItem::reviewedAt).setter((item, value) -> item.reviewedAt = value))
            .addAttribute(String.class, a -> a.name(PLACED_BY)
                    .getter(OrderItem::placedBy).setter((item, value) -> item.placedBy = value))
            .build();

    /** An order as placement stores it. */
    static OrderItem placed(Order order) {
        Builder item = new Builder();
        item.orderId = order.id();
        item.customerId = order.customerId();
        item.status = order.status();
        item.channel = order.channel();
        item.currency = order.currency();
        item.lines = order.lines().stream().map(Line::of).toList();
        item.totalAmount = order.total().amount();
        item.itemCount = order.itemCount();
        item.placedAt = order.placedAt();
        item.correlationId = order.provenance().correlationId();
        item.causationId = order.provenance().causationId();
        item.placedBy = order.provenance().placedBy();
        item.requestFingerprint = order.requestFingerprint();
        return item.build();
    }

    /** What invoicing sets on an order. */
    static OrderItem invoiced(OrderId id, String invoiceId, String invoiceNumber, Instant at) {
        Builder item = new Builder();
        item.orderId = id;
        item.status = OrderStatus.INVOICED;
        item.invoiceId = invoiceId;
        item.invoiceNumber = invoiceNumber;
        item.updatedAt = at;
        return item.build();
    }

    /** What a review answer sets on an order. */
    static OrderItem answered(OrderId id, ReviewAnswer answer) {
        Builder item = new Builder();
        item.orderId = id;
        item.reviewDecision = answer.decision();
        item.reviewReason = answer.reason();
        item.reviewer = answer.reviewer();
        item.reviewedAt = answer.answeredAt();
        return item.build();
    }

    /** The key of an order, for the calls the low-level client makes. */
    static Map<String, AttributeValue> key(OrderId id) {
        return Key.builder().partitionValue(id.toString()).build().primaryKeyMap(SCHEMA);
    }

    /** The order of an item written by placement. */
    Order order() {
        String placer = Optional.ofNullable(placedBy).orElse(Provenance.PLACER_NOT_RECORDED);
        return new Order(orderId, customerId, currency, orderLines(), status, channel,
                new Provenance(correlationId, causationId, placer), placedAt, requestFingerprint);
    }

    /** The order as the API shows it, from an item read with {@link #DETAIL_ATTRIBUTES}. */
    OrderDetails details() {
        return new OrderDetails(orderId, customerId, status, channel, orderLines(), new Money(totalAmount, currency),
                itemCount, placedAt, Optional.ofNullable(invoiceId)
                        .map(invoice -> new OrderInvoice(invoice, invoiceNumber)));
    }

    private List<OrderLine> orderLines() {
        return lines.stream().map(line -> line.orderLine(currency)).toList();
    }

    /** A line of the order, in the item's {@code lines} list; its price is in the order's currency. */
    record Line(String sku, int quantity, BigDecimal unitPrice) {

        static final TableSchema<Line> SCHEMA = StaticImmutableTableSchema.builder(Line.class, LineBuilder.class)
                .newItemBuilder(LineBuilder::new, LineBuilder::build)
                .addAttribute(String.class, a -> a.name("sku")
                        .getter(Line::sku).setter((line, value) -> line.sku = value))
                .addAttribute(Integer.class, a -> a.name("quantity")
                        .getter(Line::quantity).setter((line, value) -> line.quantity = value))
                .addAttribute(BigDecimal.class, a -> a.name("unitPrice").attributeConverter(TextAttribute.EXACT_DECIMAL)
                        .getter(Line::unitPrice).setter((line, value) -> line.unitPrice = value))
                .build();

        static Line of(OrderLine line) {
            return new Line(line.sku(), line.quantity(), line.unitPrice().amount());
        }

        OrderLine orderLine(Currency currency) {
            return new OrderLine(sku, quantity, new Money(unitPrice, currency));
        }
    }

    /** What the schema fills in when it reads a line. */
    private static final class LineBuilder {
        private String sku;
        private int quantity;
        private BigDecimal unitPrice;

        Line build() {
            return new Line(sku, quantity, unitPrice);
        }
    }

    /** What the schema fills in when it reads an item, and what the repository fills in to write part of one. */
    private static final class Builder {
        private OrderId orderId;
        private String customerId;
        private OrderStatus status;
        private Channel channel;
        private Currency currency;
        private List<Line> lines;
        private BigDecimal totalAmount;
        private Integer itemCount;
        private Instant placedAt;
        private String correlationId;
        private String causationId;
        private String requestFingerprint;
        private String invoiceId;
        private String invoiceNumber;
        private Instant updatedAt;
        private String reviewTaskToken;
        private ReviewDecision reviewDecision;
        private String reviewReason;
        private String reviewer;
        private Instant reviewedAt;
        private String placedBy;

        OrderItem build() {
            return new OrderItem(orderId, customerId, status, channel, currency, lines, totalAmount, itemCount,
                    placedAt, correlationId, causationId, requestFingerprint, invoiceId, invoiceNumber, updatedAt,
                    reviewTaskToken, reviewDecision, reviewReason, reviewer, reviewedAt, placedBy);
        }
    }
}
