package com.example.orders.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;
import com.example.orders.domain.OrderStatus;
import com.example.orders.review.ReviewAnswer;
import com.example.orders.review.ReviewStore;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Orders in DynamoDB, mapped by {@link OrderItem#SCHEMA}. Every write is one conditional request:
 * DynamoDB decides atomically whether it applies, and when it does not it returns the stored item in
 * the same call, so callers learn why without a second read (and without read permission). Updates
 * send only the attributes they set: the item's other attributes are null and nulls are skipped.
 */
public final class DynamoDbOrderRepository implements OrderRepository, ReviewStore {

    private static final Expression ID_IS_NEW = Expression.builder()
            .expression("attribute_not_exists(#orderId)")
            .putExpressionName("#orderId", OrderItem.ORDER_ID)
            .build();

    /** A condition no item meets: a write that runs the whole path and stores nothing. */
    private static final Expression NEVER = Expression.builder()
            .expression("attribute_not_exists(#orderId) AND attribute_exists(#orderId)")
            .putExpressionName("#orderId", OrderItem.ORDER_ID)
            .build();

    private static final Expression IS_CONFIRMED = Expression.builder()
            .expression("#status = :confirmed")
            .putExpressionName("#status", OrderItem.STATUS)
            .putExpressionValue(":confirmed", AttributeValue.fromS(OrderStatus.CONFIRMED.name()))
            .build();

    /**
     * The review waits for an answer and this reviewer did not place the order. Orders stored before
     * the placer was recorded have no {@code placedBy}; a comparison with a missing attribute is
     * false in DynamoDB, hence the explicit {@code attribute_not_exists}.
     */
    private static Expression reviewIsOpenTo(String reviewer) {
        return Expression.builder()
                .expression("attribute_exists(#orderId) AND #status = :underReview"
                        + " AND attribute_exists(#token) AND attribute_not_exists(#decision)"
                        + " AND (attribute_not_exists(#placedBy) OR #placedBy <> :reviewer)")
                .expressionNames(Map.of("#orderId", OrderItem.ORDER_ID, "#status", OrderItem.STATUS,
                        "#token", OrderItem.REVIEW_TASK_TOKEN, "#decision", OrderItem.REVIEW_DECISION,
                        "#placedBy", OrderItem.PLACED_BY))
                .expressionValues(Map.of(":underReview", AttributeValue.fromS(OrderStatus.UNDER_REVIEW.name()),
                        ":reviewer", AttributeValue.fromS(reviewer)))
                .build();
    }

    /** Placeholders for every projected name: several (status, lines, ...) are DynamoDB reserved words. */
    private static final Map<String, String> DETAIL_PROJECTION = OrderItem.DETAIL_ATTRIBUTES.stream()
            .collect(Collectors.toUnmodifiableMap(name -> "#" + name, name -> name));

    private final DynamoDbClient dynamoDb;
    private final DynamoDbTable<OrderItem> orders;
    private final String tableName;

    /** The enhanced client does every read and write but two, which need the low-level one (see each). */
    public DynamoDbOrderRepository(DynamoDbClient dynamoDb, DynamoDbEnhancedClient enhanced, String tableName) {
        this.dynamoDb = dynamoDb;
        this.orders = enhanced.table(tableName, OrderItem.SCHEMA);
        this.tableName = tableName;
    }

    @Override
    public InsertOutcome insertIfAbsent(Order order) {
        try {
            orders.putItem(request -> request.item(OrderItem.placed(order))
                    .conditionExpression(ID_IS_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Inserted();
        } catch (ConditionalCheckFailedException exists) {
            return new AlreadyExists(OrderItem.SCHEMA.mapToItem(exists.item()).order());
        }
    }

    /** Low-level: the enhanced GetItem has no projection, and this read takes only what the API shows. */
    @Override
    public Optional<OrderDetails> findDetails(OrderId id) {
        var response = dynamoDb.getItem(request -> request.tableName(tableName)
                .key(OrderItem.key(id))
                .projectionExpression(String.join(",", DETAIL_PROJECTION.keySet()))
                .expressionAttributeNames(DETAIL_PROJECTION));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrderItem.SCHEMA.mapToItem(response.item()).details())
                : Optional.empty();
    }

    @Override
    public InvoicedOutcome markInvoiced(OrderId id, String invoiceId, String invoiceNumber, Instant at) {
        try {
            orders.updateItem(request -> request.item(OrderItem.invoiced(id, invoiceId, invoiceNumber, at))
                    .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                    .conditionExpression(IS_CONFIRMED)
                    .returnValues(ReturnValue.NONE)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Invoiced();
        } catch (ConditionalCheckFailedException refused) {
            return storedItem(refused)
                    .<InvoicedOutcome>map(stored -> stored.status() == OrderStatus.INVOICED && stored.invoiceId() != null
                            ? new AlreadyInvoiced(stored.invoiceId())
                            : new NotInvoiceable(stored.status()))
                    .orElseGet(UnknownOrder::new);
        }
    }

    @Override
    public Claim claim(OrderId orderId, ReviewAnswer answer) {
        try {
            OrderItem answered = orders.updateItem(request -> request.item(OrderItem.answered(orderId, answer))
                    .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                    .conditionExpression(reviewIsOpenTo(answer.reviewer()))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claimed(answered.reviewTaskToken());
        } catch (ConditionalCheckFailedException refused) {
            return storedItem(refused).map(stored -> whyNotClaimed(stored, answer.reviewer())).orElseGet(NoSuchOrder::new);
        }
    }

    /** Low-level: the enhanced UpdateItem removes an attribute only by sending it null, and every other null one with it. */
    @Override
    public void release(OrderId orderId, ReviewAnswer answer) {
        try {
            dynamoDb.updateItem(request -> request.tableName(tableName)
                    .key(OrderItem.key(orderId))
                    .updateExpression("REMOVE #decision, #reason, #reviewer, #reviewedAt")
                    .conditionExpression("#reviewer = :reviewer AND #reviewedAt = :reviewedAt AND #status <> :confirmed")
                    .expressionAttributeNames(Map.of("#decision", OrderItem.REVIEW_DECISION,
                            "#reason", OrderItem.REVIEW_REASON, "#reviewer", OrderItem.REVIEWER,
                            "#reviewedAt", OrderItem.REVIEWED_AT, "#status", OrderItem.STATUS))
                    .expressionAttributeValues(Map.of(
                            ":reviewer", AttributeValue.fromS(answer.reviewer()),
                            ":reviewedAt", AttributeValue.fromS(answer.answeredAt().toString()),
                            ":confirmed", AttributeValue.fromS(OrderStatus.CONFIRMED.name()))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Another answer is recorded now, or this one confirmed the order already (the workflow
            // took it from the order before the token came back): it is not ours to take back.
        }
    }

    /** The item a refused write found, if there was one. */
    private static Optional<OrderItem> storedItem(ConditionalCheckFailedException refused) {
        return refused.hasItem() && !refused.item().isEmpty()
                ? Optional.of(OrderItem.SCHEMA.mapToItem(refused.item()))
                : Optional.empty();
    }

    private static Claim whyNotClaimed(OrderItem stored, String reviewer) {
        if (reviewer.equals(stored.placedBy())) {
            return new PlacedByReviewer();
        }
        if (stored.reviewDecision() != null) {
            return new AlreadyAnswered(stored.reviewDecision());
        }
        return stored.status() == OrderStatus.UNDER_REVIEW ? new NotOpenYet() : new NotUnderReview(stored.status());
    }

    /**
     * Runs the whole {@code PutItem} path (schema, marshalling, signing, HTTP) once with a condition
     * that can never hold, so nothing is written: used to prime a SnapStart snapshot.
     */
    public void primeWritePath(Order sample) {
        try {
            orders.putItem(request -> request.item(OrderItem.placed(sample)).conditionExpression(NEVER));
        } catch (ConditionalCheckFailedException expected) {
            // The condition is false by construction; nothing was written.
        }
    }
}
