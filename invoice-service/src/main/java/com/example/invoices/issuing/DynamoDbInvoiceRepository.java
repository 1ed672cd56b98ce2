package com.example.invoices.issuing;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.issuing.InvoiceItems.Sequence;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Invoices in DynamoDB, mapped by {@link InvoiceItems}. Finding reads consistently (a redelivery
 * right after an issue must see it); inserting is one conditional PutItem; numbering is an atomic
 * counter on the year's sequence item, so concurrent issuers never get the same number.
 */
public final class DynamoDbInvoiceRepository implements InvoiceRepository {

    private static final Expression ID_IS_NEW = Expression.builder()
            .expression("attribute_not_exists(#id)")
            .putExpressionName("#id", InvoiceItems.ID)
            .build();

    /** A condition no item meets, for priming writes that must not happen. */
    private static final Expression NEVER = Expression.builder()
            .expression("attribute_not_exists(#id) AND attribute_exists(#id)")
            .putExpressionName("#id", InvoiceItems.ID)
            .build();

    private static final Map<String, String> PUBLIC_PROJECTION = InvoiceItems.PUBLIC_ATTRIBUTES.stream()
            .collect(Collectors.toUnmodifiableMap(name -> "#" + name, name -> name));

    private final DynamoDbClient dynamoDb;
    private final DynamoDbTable<Invoice> invoices;
    private final DynamoDbTable<Sequence> sequences;
    private final String tableName;

    /** The enhanced client does every read and write but one, which needs the low-level one (see it). */
    public DynamoDbInvoiceRepository(DynamoDbClient dynamoDb, DynamoDbEnhancedClient enhanced, String tableName) {
        this.dynamoDb = dynamoDb;
        this.invoices = enhanced.table(tableName, InvoiceItems.INVOICE);
        this.sequences = enhanced.table(tableName, InvoiceItems.SEQUENCE);
        this.tableName = tableName;
    }

    @Override
    public Optional<Invoice> find(InvoiceId id) {
        return Optional.ofNullable(invoices.getItem(request -> request.key(key(id)).consistentRead(true)));
    }

    /** The invoice as the API shows it. Low-level: the enhanced GetItem has no projection. */
    public Optional<Invoice> findPublic(InvoiceId id) {
        var response = dynamoDb.getItem(request -> request.tableName(tableName)
                .key(key(id).primaryKeyMap(InvoiceItems.INVOICE))
                .projectionExpression(String.join(",", PUBLIC_PROJECTION.keySet()))
                .expressionAttributeNames(PUBLIC_PROJECTION));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(InvoiceItems.INVOICE.mapToItem(response.item()))
                : Optional.empty();
    }

    @Override
    public InsertOutcome insertIfAbsent(Invoice invoice) {
        try {
            invoices.putItem(request -> request.item(invoice)
                    .conditionExpression(ID_IS_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Inserted();
        } catch (ConditionalCheckFailedException exists) {
            return new AlreadyExists(InvoiceItems.INVOICE.mapToItem(exists.item()));
        }
    }

    @Override
    public long nextSequence(int year) {
        return sequences.updateItem(Sequence.of(year)).next();
    }

    private static Key key(InvoiceId id) {
        return Key.builder().partitionValue(id.toString()).build();
    }

    /**
     * SnapStart priming of both writes of an issue, changing nothing: the invoice's PutItem and the
     * counter's UpdateItem, each under a condition false by construction.
     */
    public void primeWritePaths(Invoice sample) {
        try {
            invoices.putItem(request -> request.item(sample).conditionExpression(NEVER));
        } catch (ConditionalCheckFailedException expected) {
            // Nothing was written.
        }
        try {
            sequences.updateItem(request -> request.item(Sequence.of(sample.number().year())).conditionExpression(NEVER));
        } catch (ConditionalCheckFailedException expected) {
            // The counter was not advanced.
        }
    }
}
