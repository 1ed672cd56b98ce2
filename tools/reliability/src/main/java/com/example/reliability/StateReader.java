package com.example.reliability;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.example.endtoend.Stack;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads what a run left behind through the stack's own APIs: the tables (scans filtered to the run's
 * customers; the invoice numbers of the whole table), the partner file's report, the dead-letter
 * queues the {@code DeadLetterQueueUrls} output names.
 */
public final class StateReader implements AutoCloseable {

    private final Stack stack;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final SqsClient sqs;

    public StateReader(Stack stack) {
        this.stack = stack;
        this.dynamoDb = stack.dynamoDb();
        this.s3 = stack.s3();
        this.sqs = stack.sqs();
    }

    public FinalState read(String runId, PartnerDrop drop) {
        List<FinalState.StoredOrder> orders = orders(runId);
        List<FinalState.StoredInvoice> invoices = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        dynamoDb.scanPaginator(builder -> builder.tableName(stack.output("InvoicesTableName")).consistentRead(true)).items()
                .forEach(item -> {
                    if (item.containsKey("orderId")) {
                        numbers.add(text(item, "invoiceNumber"));
                        if (text(item, "customerId").startsWith(customerPrefix(runId))) {
                            invoices.add(new FinalState.StoredInvoice(text(item, "id"), text(item, "orderId"), text(item, "invoiceNumber")));
                        }
                    }
                });
        return new FinalState(orders, invoices, numbers, partnerReport(drop), deadLetters());
    }

    /** The run's orders as the table holds them now. */
    public List<FinalState.StoredOrder> orders(String runId) {
        List<FinalState.StoredOrder> orders = new ArrayList<>();
        runOrders(runId).forEach(item -> orders.add(order(item)));
        return orders;
    }

    /** Whether IngestFile has written the report of the run's partner file (always, for a run without one). */
    public boolean partnerFileReported(PartnerDrop drop) {
        return drop.lines() == 0 || partnerReport(drop).isPresent();
    }

    /** Every attribute of the run's orders and invoices, to compare before and after a replay. */
    public Map<String, String> snapshot(String runId) {
        Map<String, String> items = new TreeMap<>();
        runOrders(runId).forEach(item -> items.put("order " + text(item, "orderId"), new TreeMap<>(item).toString()));
        dynamoDb.scanPaginator(builder -> builder.tableName(stack.output("InvoicesTableName")).consistentRead(true)).items()
                .forEach(item -> {
                    if (text(item, "customerId").startsWith(customerPrefix(runId))) {
                        items.put("invoice " + text(item, "id"), new TreeMap<>(item).toString());
                    }
                });
        return items;
    }

    /** Messages waiting or in flight in every dead-letter and failure queue, by queue name. */
    public Map<String, Integer> deadLetters() {
        Map<String, Integer> depths = new LinkedHashMap<>();
        for (String url : deadLetterQueueUrls(stack)) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(builder -> builder.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            depths.put(queueName(url),
                    Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                            + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
        }
        return depths;
    }

    /** Every dead-letter and failure queue of the stack, as its {@code DeadLetterQueueUrls} output lists them. */
    static List<String> deadLetterQueueUrls(Stack stack) {
        return List.of(stack.output("DeadLetterQueueUrls").split(" "));
    }

    /** The rules' dead-letter queues, whose messages are events to put back on the bus ({@code RuleDeadLetterQueueUrls}). */
    static List<String> ruleDeadLetterQueueUrls(Stack stack) {
        return List.of(stack.output("RuleDeadLetterQueueUrls").split(" "));
    }

    /** A queue's name: the last part of its URL. */
    static String queueName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static String customerPrefix(String runId) {
        return "load-" + runId + "-";
    }

    private Iterable<Map<String, AttributeValue>> runOrders(String runId) {
        return dynamoDb.scanPaginator(builder -> builder.tableName(stack.output("OrdersTableName")).consistentRead(true)
                .filterExpression("begins_with(customerId, :run)")
                .expressionAttributeValues(Map.of(":run", AttributeValue.fromS(customerPrefix(runId))))).items();
    }

    private static FinalState.StoredOrder order(Map<String, AttributeValue> item) {
        return new FinalState.StoredOrder(text(item, "orderId"), text(item, "customerId"), text(item, "status"),
                instant(item, "placedAt"), instant(item, "updatedAt"),
                Optional.ofNullable(item.get("invoiceNumber")).map(AttributeValue::s));
    }

    private Optional<FinalState.PartnerReport> partnerReport(PartnerDrop drop) {
        if (drop.lines() == 0) {
            return Optional.empty();
        }
        String bucket = stack.output("PartnerBucketName");
        for (S3Object object : s3.listObjectsV2(builder -> builder.bucket(bucket).prefix(drop.reportPrefix())).contents()) {
            try {
                JsonNode report = Stack.JSON.readTree(s3.getObjectAsBytes(builder -> builder.bucket(bucket).key(object.key())).asUtf8String());
                List<Integer> rejected = new ArrayList<>();
                report.path("rejected").forEach(line -> rejected.add(line.path("line").asInt()));
                JsonNode summary = report.path("summary");
                return Optional.of(new FinalState.PartnerReport(summary.path("linesRead").asInt(), summary.path("submitted").asInt(),
                        summary.path("rejected").asInt(), rejected));
            } catch (IOException e) {
                throw new IllegalStateException("The report " + object.key() + " is not JSON", e);
            }
        }
        return Optional.empty();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
        String text = text(item, name);
        return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
    }

    @Override
    public void close() {
        dynamoDb.close();
        s3.close();
        sqs.close();
    }
}
