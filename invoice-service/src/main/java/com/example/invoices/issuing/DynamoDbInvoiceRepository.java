package com.example.invoices.issuing;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Invoices in DynamoDB. Finding reads consistently (a redelivery right after an issue must see it);
 * inserting is one conditional PutItem; numbering is an atomic ADD on the year's counter item, so
 * concurrent issuers never get the same number.
 */
public final class DynamoDbInvoiceRepository implements InvoiceRepository {

    private static final Map<String, String> PUBLIC_PROJECTION = InvoiceItems.PUBLIC_ATTRIBUTES.stream()
            .collect(Collectors.toUnmodifiableMap(name -> "#" + name, name -> name));

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbInvoiceRepository(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<Invoice> find(InvoiceId id) {
        var response = dynamoDb.getItem(builder -> builder.tableName(tableName).key(InvoiceItems.key(id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(InvoiceItems.fromItem(response.item()))
                : Optional.empty();
    }

    /** The invoice as the API shows it, reading only those attributes. */
    public Optional<Invoice> findPublic(InvoiceId id) {
        var response = dynamoDb.getItem(builder -> builder.tableName(tableName).key(InvoiceItems.key(id))
                .projectionExpression(String.join(",", PUBLIC_PROJECTION.keySet()))
                .expressionAttributeNames(PUBLIC_PROJECTION));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(InvoiceItems.fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public InsertOutcome insertIfAbsent(Invoice invoice) {
        try {
            dynamoDb.putItem(builder -> builder.tableName(tableName)
                    .item(InvoiceItems.toItem(invoice))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", InvoiceItems.ID))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Inserted();
        } catch (ConditionalCheckFailedException exists) {
            return new AlreadyExists(InvoiceItems.fromItem(exists.item()));
        }
    }

    @Override
    public long nextSequence(int year) {
        var updated = dynamoDb.updateItem(builder -> builder.tableName(tableName)
                .key(InvoiceItems.sequenceKey(year))
                .updateExpression("ADD #next :one")
                .expressionAttributeNames(Map.of("#next", InvoiceItems.NEXT))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(updated.attributes().get(InvoiceItems.NEXT).n());
    }
}
