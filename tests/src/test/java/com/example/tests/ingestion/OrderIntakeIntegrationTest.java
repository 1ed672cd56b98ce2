package com.example.tests.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.orders.intake.PlaceOrderFromQueueHandler;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.lambda.CapturedLogs;
import com.example.tests.lambda.LambdaCall;
import com.example.tests.lambda.SampleEvents;
import com.example.tests.local.AwsBackend;
import com.example.tests.local.LocalImplementations;
import com.example.tests.sqs.EventSourceMapping;
import com.example.tests.template.TestStack;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The real PlaceOrderFromQueue handler on the orders intake queue: ElasticMQ with the template's
 * redrive policy, moto for the orders table and Parameter Store. The test plays the
 * event source mapping.
 */
class OrderIntakeIntegrationTest {

    private static final AwsBackend BACKEND = LocalImplementations.elasticMqAndMoto();

    private TestStack stack;
    private SqsClient sqs;
    private EventSourceMapping intake;

    @BeforeEach
    void deploy() {
        stack = TestStack.deploy(BACKEND, "AcceptedCurrenciesParameter", "OrdersTable", "OrdersIntakeDeadLetterQueue",
                "OrdersIntakeQueue");
        sqs = BACKEND.client(SqsClient.builder(), "SQS");
        intake = new EventSourceMapping(sqs, stack.ref("OrdersIntakeQueue"), stack.attribute("OrdersIntakeQueue", "Arn"),
                new PlaceOrderFromQueueHandler(stack.functionEnvironment("PlaceOrderFromQueueFunction")), 10);
    }

    private static String submitted(String reference, String currency) {
        ObjectNode event = (ObjectNode) Json.parse(ProjectFiles.read("contracts/events/examples/order-submitted.json"));
        ((ObjectNode) event.at("/detail/metadata")).put("eventId", "acme-books:" + reference);
        ((ObjectNode) event.at("/detail/data")).put("partnerOrderRef", reference);
        ((ObjectNode) event.at("/detail/data/order")).put("currency", currency);
        return Json.write(event);
    }

    @Test
    void aBadMessageReachesTheDeadLetterQueueWithItsReasonLoggedAndTheGoodOnesArePlaced() {
        Set<String> good = new HashSet<>();
        for (int i = 1; i <= 4; i++) {
            good.add(send(submitted("PO-" + i, "EUR")));
        }
        String bad = send(submitted("PO-9", "SEK"));

        try (CapturedLogs logs = CapturedLogs.capture()) {
            Set<String> reported = new HashSet<>();
            for (int receive = 0; receive < 8 && !deadLettered().contains(bad); receive++) {
                reported.addAll(intake.pollOnce());
            }

            assertThat(reported).containsExactly(bad);
            assertThat(deadLettered()).containsExactly(bad);
            assertThat(logs.lines()).anyMatch(line -> line.contains("Message failed") && line.contains(bad)
                    && line.contains("orders are not accepted in SEK"));
        }
        assertThat(storedOrders()).isEqualTo(4);
    }

    @Test
    void theSameSubmissionTwicePlacesOneOrder() {
        send(submitted("PO-1", "EUR"));
        send(submitted("PO-1", "EUR"));

        intake.drain(5);

        assertThat(storedOrders()).isEqualTo(1);
    }

    @Test
    void theSampleBatchPlacesItsOrder() {
        var response = LambdaCall.queue(new PlaceOrderFromQueueHandler(stack.functionEnvironment("PlaceOrderFromQueueFunction")),
                SampleEvents.queueBatch("orders-service/place-order-from-queue.json"), "PlaceOrderFromQueue");

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(storedOrders()).isEqualTo(1);
    }

    private String send(String body) {
        return sqs.sendMessage(builder -> builder.queueUrl(stack.ref("OrdersIntakeQueue")).messageBody(body)).messageId();
    }

    private List<String> deadLettered() {
        return sqs.receiveMessage(builder -> builder.queueUrl(stack.ref("OrdersIntakeDeadLetterQueue"))
                .maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(0)).messages().stream()
                .map(Message::messageId).toList();
    }

    private int storedOrders() {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            return dynamoDb.scan(builder -> builder.tableName(stack.ref("OrdersTable")).select(Select.COUNT)).count();
        }
    }

}
