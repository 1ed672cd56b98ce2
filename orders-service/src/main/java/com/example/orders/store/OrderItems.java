package com.example.orders.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.orders.domain.Channel;
import com.example.platform.money.Money;
import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderLine;
import com.example.orders.domain.OrderStatus;
import com.example.orders.domain.Provenance;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The orders table's item layout, in one place. Amounts are strings at the currency's scale
 * ({@code "47.30"}): a DynamoDB number would drop the trailing zero ({@code 47.3}), and the outbox
 * pipe copies the stored text into {@code OrderPlaced} as it is (template.yaml, OrderPlacedPipe,
 * which also copies {@code itemCount}, {@code correlationId}, {@code causationId}, {@code placedAt}).
 */
final class OrderItems {

    static final String ORDER_ID = "orderId";
    static final String CUSTOMER_ID = "customerId";
    static final String STATUS = "status";
    static final String CHANNEL = "channel";
    static final String CURRENCY = "currency";
    static final String LINES = "lines";
    static final String TOTAL_AMOUNT = "totalAmount";
    static final String ITEM_COUNT = "itemCount";
    static final String PLACED_AT = "placedAt";
    static final String CORRELATION_ID = "correlationId";
    static final String CAUSATION_ID = "causationId";
    static final String REQUEST_FINGERPRINT = "requestFingerprint";

    // Written by the fulfilment workflow (statemachine/*.asl.json) and the review API.
    static final String REVIEW_TASK_TOKEN = "reviewTaskToken";
    static final String REVIEW_DECISION = "reviewDecision";
    static final String REVIEW_REASON = "reviewReason";
    static final String REVIEWER = "reviewer";
    static final String REVIEWED_AT = "reviewedAt";

    // Written when the order's invoice is issued (MarkOrderInvoiced).
    static final String INVOICE_ID = "invoiceId";
    static final String INVOICE_NUMBER = "invoiceNumber";
    static final String UPDATED_AT = "updatedAt";

    private static final String SKU = "sku";
    private static final String QUANTITY = "quantity";
    private static final String UNIT_PRICE = "unitPrice";

    /** The attributes {@link OrderDetails} needs: the projection of every API read. */
    static final List<String> DETAIL_ATTRIBUTES = List.of(ORDER_ID, CUSTOMER_ID, STATUS, CHANNEL, CURRENCY, LINES,
            TOTAL_AMOUNT, ITEM_COUNT, PLACED_AT, INVOICE_ID, INVOICE_NUMBER);

    private OrderItems() {
    }

    static Map<String, AttributeValue> key(OrderId id) {
        return Map.of(ORDER_ID, string(id.toString()));
    }

    static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(ORDER_ID, string(order.id().toString()));
        item.put(CUSTOMER_ID, string(order.customerId()));
        item.put(STATUS, string(order.status().name()));
        item.put(CHANNEL, string(order.channel().name()));
        item.put(CURRENCY, string(order.currency().getCurrencyCode()));
        item.put(LINES, AttributeValue.fromL(order.lines().stream().map(OrderItems::lineItem).toList()));
        item.put(TOTAL_AMOUNT, string(order.total().toPlainString()));
        item.put(ITEM_COUNT, number(Integer.toString(order.itemCount())));
        item.put(PLACED_AT, string(order.placedAt().toString()));
        item.put(CORRELATION_ID, string(order.provenance().correlationId()));
        item.put(CAUSATION_ID, string(order.provenance().causationId()));
        item.put(REQUEST_FINGERPRINT, string(order.requestFingerprint()));
        return item;
    }

    static Order orderFrom(Map<String, AttributeValue> item) {
        Currency currency = currency(item);
        return new Order(orderId(item), item.get(CUSTOMER_ID).s(), currency, lines(item, currency),
                OrderStatus.valueOf(item.get(STATUS).s()), Channel.valueOf(item.get(CHANNEL).s()),
                new Provenance(item.get(CORRELATION_ID).s(), item.get(CAUSATION_ID).s()),
                Instant.parse(item.get(PLACED_AT).s()), item.get(REQUEST_FINGERPRINT).s());
    }

    static OrderDetails detailsFrom(Map<String, AttributeValue> item) {
        Currency currency = currency(item);
        return new OrderDetails(orderId(item), item.get(CUSTOMER_ID).s(), OrderStatus.valueOf(item.get(STATUS).s()),
                Channel.valueOf(item.get(CHANNEL).s()), lines(item, currency),
                new Money(new BigDecimal(item.get(TOTAL_AMOUNT).s()), currency),
                Integer.parseInt(item.get(ITEM_COUNT).n()), Instant.parse(item.get(PLACED_AT).s()),
                item.containsKey(INVOICE_ID)
                        ? java.util.Optional.of(new OrderInvoice(item.get(INVOICE_ID).s(), item.get(INVOICE_NUMBER).s()))
                        : java.util.Optional.empty());
    }

    private static AttributeValue lineItem(OrderLine line) {
        return AttributeValue.fromM(Map.of(
                SKU, string(line.sku()),
                QUANTITY, number(Integer.toString(line.quantity())),
                UNIT_PRICE, string(line.unitPrice().toPlainString())));
    }

    private static List<OrderLine> lines(Map<String, AttributeValue> item, Currency currency) {
        return item.get(LINES).l().stream()
                .map(AttributeValue::m)
                .map(line -> new OrderLine(line.get(SKU).s(), Integer.parseInt(line.get(QUANTITY).n()),
                        new Money(new BigDecimal(line.get(UNIT_PRICE).s()), currency)))
                .toList();
    }

    private static OrderId orderId(Map<String, AttributeValue> item) {
        return new OrderId(UUID.fromString(item.get(ORDER_ID).s()));
    }

    private static Currency currency(Map<String, AttributeValue> item) {
        return Currency.getInstance(item.get(CURRENCY).s());
    }

    private static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(String value) {
        return AttributeValue.fromN(value);
    }
}
