package com.example.orders.store;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.orders.domain.Order;
import com.example.orders.domain.OrderId;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Orders in DynamoDB. The insert is one conditional {@code PutItem}: DynamoDB decides, atomically,
 * whether the id is new, and when it is not it returns the stored item in the same call, so an
 * idempotent replay costs no extra read and needs no read permission.
 */
public final class DynamoDbOrderRepository implements OrderRepository {

    private static final String ID_IS_NEW = "attribute_not_exists(" + OrderItems.ORDER_ID + ")";

    /** Placeholders for every projected name: several (status, lines, ...) are DynamoDB reserved words. */
    private static final Map<String, String> DETAIL_PROJECTION = OrderItems.DETAIL_ATTRIBUTES.stream()
            .collect(Collectors.toUnmodifiableMap(name -> "#" + name, name -> name));

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
