package com.example.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Partner ingestion: a file of N lines ends as exactly N outcomes: orders for the good lines, a report of the rest. */
class PartnerFileTest {

    private final Stack stack = Stack.current();

    @Test
    void everyLineOfAFileEndsAsOneOrderOrOneReportedRejection() throws Exception {
        String customer = Orders.newCustomer();
        // In AWS the bucket takes a partner's file only under the prefix its principal's partner-id tag
        // names (E2E_PARTNER); the local run does not evaluate bucket policies, so any partner does.
        String partner = Optional.ofNullable(System.getProperty("e2e.partner")).filter(name -> !name.isBlank())
                .orElseGet(() -> "e2e-partner-" + UUID.randomUUID().toString().substring(0, 8));
        List<String> lines = List.of(
                partnerLine("ref-1", customer, "EUR", "12.00"),
                "this line is not JSON",
                partnerLine("ref-2", customer, "EUR", "3.50"),
                partnerLine("ref-3", customer, "eur", "3.50"),
                "{\"partnerOrderRef\":\"ref-4\",\"customerId\":\"" + customer + "\"}",
                partnerLine("ref-5", customer, "USD", "40.00"));
        String bucket = stack.output("PartnerBucketName");
        String key = "incoming/" + partner + "/orders.jsonl";

        try (S3Client s3 = stack.s3(); DynamoDbClient dynamoDb = stack.dynamoDb()) {
            s3.putObject(builder -> builder.bucket(bucket).key(key), RequestBody.fromString(String.join("\n", lines) + "\n"));

            JsonNode report = Eventually.until("the report of " + key, Orders.SETTLE, () -> report(s3, bucket, partner),
                    found -> found != null);

            assertThat(report.path("summary").path("linesRead").asInt()).isEqualTo(lines.size());
            assertThat(report.path("summary").path("submitted").asInt()).isEqualTo(3);
            assertThat(report.path("summary").path("rejected").asInt()).isEqualTo(3);
            List<Integer> rejectedLines = new ArrayList<>();
            report.path("rejected").forEach(rejection -> {
                rejectedLines.add(rejection.path("line").asInt());
                assertThat(rejection.path("reason").asText()).isNotBlank();
            });
            assertThat(rejectedLines).containsExactly(2, 4, 5);

            List<String> placed = Eventually.until("the 3 good lines of " + key + " to be placed", Orders.SETTLE,
                    () -> ordersOf(dynamoDb, customer), found -> found.size() >= 3);
            assertThat(placed).hasSize(3);
        }
    }

    private static String partnerLine(String reference, String customer, String currency, String unitPrice) {
        return "{\"partnerOrderRef\":\"" + reference + "\",\"customerId\":\"" + customer + "\",\"currency\":\"" + currency
                + "\",\"lines\":[{\"sku\":\"E2E-PEN\",\"quantity\":1,\"unitPrice\":\"" + unitPrice + "\"}]}";
    }

    private static JsonNode report(S3Client s3, String bucket, String partner) {
        for (S3Object object : s3.listObjectsV2(builder -> builder.bucket(bucket).prefix("reports/" + partner + "/")).contents()) {
            try {
                return Stack.JSON.readTree(s3.getObjectAsBytes(builder -> builder.bucket(bucket).key(object.key())).asUtf8String());
            } catch (java.io.IOException e) {
                throw new AssertionError("The report " + object.key() + " is not JSON", e);
            }
        }
        return null;
    }

    /** The orders of one customer, read from the table through DynamoDB's API. */
    private List<String> ordersOf(DynamoDbClient dynamoDb, String customer) {
        List<String> ids = new ArrayList<>();
        dynamoDb.scanPaginator(builder -> builder.tableName(stack.output("OrdersTableName"))
                        .filterExpression("customerId = :customer")
                        .expressionAttributeValues(java.util.Map.of(":customer", AttributeValue.fromS(customer))))
                .items().forEach(item -> ids.add(item.get("orderId").s()));
        return ids;
    }
}
