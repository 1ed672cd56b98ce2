package com.example.tests.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The local DynamoDB (moto) applies each write atomically, as DynamoDB does, under the concurrency
 * the application meets (five invoicing environments numbering invoices from one counter): moto's
 * own handler does not, which is why tools/local-run/src/main/python/moto_server.py serialises its
 * DynamoDB requests. Without that, increments get lost and two conditional puts both succeed.
 */
class LocalDynamoDbTest {

    private static final AwsBackend MOTO = LocalImplementations.moto();
    private static final int THREADS = 8;
    private static final int WRITES_PER_THREAD = 25;

    @Test
    void concurrentIncrementsOfOneItemAreNeverLostAndAConditionalPutWinsOnce() throws Exception {
        String table = "counters-" + UUID.randomUUID();
        try (DynamoDbClient dynamoDb = MOTO.client(DynamoDbClient.builder(), "DynamoDB")) {
            dynamoDb.createTable(builder -> builder.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(definition -> definition.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH)));
            List<Integer> won = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                List<Future<?>> writers = new ArrayList<>();
                for (int thread = 0; thread < THREADS; thread++) {
                    int writer = thread;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < WRITES_PER_THREAD; i++) {
                            dynamoDb.updateItem(builder -> builder.tableName(table).key(Map.of("id", AttributeValue.fromS("counter")))
                                    .updateExpression("SET #next = if_not_exists(#next, :zero) + :one")
                                    .expressionAttributeNames(Map.of("#next", "next"))
                                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1"))));
                        }
                        try {
                            dynamoDb.putItem(builder -> builder.tableName(table).item(Map.of("id", AttributeValue.fromS("once")))
                                    .conditionExpression("attribute_not_exists(id)"));
                            won.add(writer);
                        } catch (ConditionalCheckFailedException lost) {
                            // Another writer put it first.
                        }
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
            }
            Map<String, AttributeValue> counter = dynamoDb.getItem(builder -> builder.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS("counter"))).consistentRead(true)).item();
            assertThat(counter.get("next").n()).isEqualTo(String.valueOf(THREADS * WRITES_PER_THREAD));
            assertThat(won).as("writers whose conditional put succeeded").hasSize(1);
        }
    }
}
