package com.example.orders.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderStatus;
import com.example.orders.review.ReviewAnswer;
import com.example.orders.review.ReviewDecision;
import com.example.orders.review.ReviewStore;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Orders in DynamoDB. Every write is one conditional request: DynamoDB decides atomically whether
 * it applies, and when it does not it returns the stored item in the same call, so callers learn
 * why without a second read (and without read permission).
 */
public final class DynamoDbOrderRepository implements OrderRepository, ReviewStore {

    private static final String ID_IS_NEW = "attribute_not_exists(" + OrderItems.ORDER_ID + ")";

    /** Placeholders for every projected name: several (status, lines, ...) are DynamoDB reserved words. */
    private static final Map<String, String> DETAIL_PROJECTION = OrderItems.DETAIL_ATTRIBUTES.stream()
            .collect(Collectors.toUnmodifiableMap(name -> "#" + name, name -> name));

    private static final String REVIEW_IS_OPEN = "attribute_exists(#orderId) AND #status = :underReview"
            + " AND attribute_exists(#token) AND attribute_not_exists(#decision)";

    /** Placeholders for the review attributes (names in expressions go through placeholders, reserved or not). */
    private static final Map<String, String> REVIEW_NAMES = Map.of("#orderId", OrderItems.ORDER_ID,
            "#status", OrderItems.STATUS, "#token", OrderItems.REVIEW_TASK_TOKEN, "#decision", OrderItems.REVIEW_DECISION,
            "#reason", OrderItems.REVIEW_REASON, "#reviewer", OrderItems.REVIEWER, "#reviewedAt", OrderItems.REVIEWED_AT);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbOrderRepository(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public InsertOutcome insertIfAbsent(Order order) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(OrderItems.toItem(order))
                    .conditionExpression(ID_IS_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new Inserted();
        } catch (ConditionalCheckFailedException exists) {
            return new AlreadyExists(OrderItems.orderFrom(exists.item()));
        }
    }

    @Override
    public Optional<OrderDetails> findDetails(OrderId id) {
        var item = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(OrderItems.key(id))
                .projectionExpression(String.join(",", DETAIL_PROJECTION.keySet()))
                .expressionAttributeNames(DETAIL_PROJECTION)
                .build());
        return item.hasItem() && !item.item().isEmpty()
                ? Optional.of(OrderItems.detailsFrom(item.item()))
                : Optional.empty();
    }

    @Override
    public InvoicedOutcome markInvoiced(OrderId id, String invoiceId, String invoiceNumber, Instant at) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(OrderItems.key(id))
                    .updateExpression("SET #status = :invoiced, #invoiceId = :invoiceId, #invoiceNumber = :invoiceNumber,"
                            + " #updatedAt = :now")
                    .conditionExpression("#status = :confirmed")
                    .expressionAttributeNames(Map.of("#status", OrderItems.STATUS, "#invoiceId", OrderItems.INVOICE_ID,
                            "#invoiceNumber", OrderItems.INVOICE_NUMBER, "#updatedAt", OrderItems.UPDATED_AT))
                    .expressionAttributeValues(Map.of(
                            ":invoiced", AttributeValue.fromS(OrderStatus.INVOICED.name()),
                            ":confirmed", AttributeValue.fromS(OrderStatus.CONFIRMED.name()),
                            ":invoiceId", AttributeValue.fromS(invoiceId),
                            ":invoiceNumber", AttributeValue.fromS(invoiceNumber),
                            ":now", AttributeValue.fromS(at.toString())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new Invoiced();
        } catch (ConditionalCheckFailedException refused) {
            Map<String, AttributeValue> item = refused.hasItem() ? refused.item() : Map.of();
            if (item.isEmpty()) {
                return new UnknownOrder();
            }
            OrderStatus status = OrderStatus.valueOf(item.get(OrderItems.STATUS).s());
            return status == OrderStatus.INVOICED && item.containsKey(OrderItems.INVOICE_ID)
                    ? new AlreadyInvoiced(item.get(OrderItems.INVOICE_ID).s())
                    : new NotInvoiceable(status);
        }
    }

    @Override
    public Claim claim(OrderId orderId, ReviewAnswer answer) {
        try {
            var updated = dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(OrderItems.key(orderId))
                    .updateExpression("SET #decision = :decision, #reason = :reason, #reviewer = :reviewer,"
                            + " #reviewedAt = :reviewedAt")
                    .conditionExpression(REVIEW_IS_OPEN)
                    .expressionAttributeNames(REVIEW_NAMES)
                    .expressionAttributeValues(Map.of(
                            ":underReview", AttributeValue.fromS(OrderStatus.UNDER_REVIEW.name()),
                            ":decision", AttributeValue.fromS(answer.decision().name()),
                            ":reason", AttributeValue.fromS(answer.reason()),
                            ":reviewer", AttributeValue.fromS(answer.reviewer()),
                            ":reviewedAt", AttributeValue.fromS(answer.answeredAt().toString())))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new Claimed(updated.attributes().get(OrderItems.REVIEW_TASK_TOKEN).s());
        } catch (ConditionalCheckFailedException refused) {
            return whyNotClaimed(refused.hasItem() ? refused.item() : Map.of());
        }
    }

    @Override
    public void release(OrderId orderId, ReviewAnswer answer) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(OrderItems.key(orderId))
                    .updateExpression("REMOVE #decision, #reason, #reviewer, #reviewedAt")
                    .conditionExpression("#reviewer = :reviewer AND #reviewedAt = :reviewedAt")
                    .expressionAttributeNames(Map.of("#decision", OrderItems.REVIEW_DECISION,
                            "#reason", OrderItems.REVIEW_REASON, "#reviewer", OrderItems.REVIEWER,
                            "#reviewedAt", OrderItems.REVIEWED_AT))
                    .expressionAttributeValues(Map.of(
                            ":reviewer", AttributeValue.fromS(answer.reviewer()),
                            ":reviewedAt", AttributeValue.fromS(answer.answeredAt().toString())))
                    .build());
        } catch (ConditionalCheckFailedException notOurs) {
            // Another answer is recorded now; it is not ours to take back.
        }
    }

    private static Claim whyNotClaimed(Map<String, AttributeValue> item) {
        if (item.isEmpty()) {
            return new NoSuchOrder();
        }
        if (item.containsKey(OrderItems.REVIEW_DECISION)) {
            return new AlreadyAnswered(ReviewDecision.valueOf(item.get(OrderItems.REVIEW_DECISION).s()));
        }
        OrderStatus status = OrderStatus.valueOf(item.get(OrderItems.STATUS).s());
        return status == OrderStatus.UNDER_REVIEW ? new NotOpenYet() : new NotUnderReview(status);
    }

    /**
     * Runs the whole {@code PutItem} path (marshalling, signing, HTTP) once with a condition that
     * can never hold, so nothing is written: used to prime a SnapStart snapshot.
     */
    public void primeWritePath(Order sample) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(OrderItems.toItem(sample))
                    .conditionExpression(ID_IS_NEW + " AND attribute_exists(" + OrderItems.ORDER_ID + ")")
                    .build());
        } catch (ConditionalCheckFailedException expected) {
            // The condition is false by construction; nothing was written.
        }
    }
}
