package com.example.tests.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.platform.aws.LambdaEvents;
import com.example.platform.json.MalformedJsonException;
import com.example.tests.ProjectFiles;
import com.example.tests.template.ApplicationTemplates;

/**
 * Every function reads its event with our JSON mapper (a stream handler) instead of the runtime's
 * own serialization: held here to read Lambda's events exactly as that serialization does, and to
 * write answers that it reads back unchanged.
 */
class LambdaEventsTest {

    @ParameterizedTest
    @ValueSource(strings = {"orders-service/place-order.json", "orders-service/get-order.json", "orders-service/review-order.json",
            "invoice-service/get-invoice.json"})
    void readsApiGatewayRequestsAsLambdasOwnSerializationDoes(String sample) {
        String event = ProjectFiles.read("events/" + sample);

        assertThat(ours(event, APIGatewayProxyRequestEvent.class)).isEqualTo(lambdas(event, APIGatewayProxyRequestEvent.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invoice-service/issue-invoice.json", "orders-service/place-order-from-queue.json"})
    void readsQueueBatchesAsLambdasOwnSerializationDoes(String sample) {
        String event = ProjectFiles.read("events/" + sample);

        SQSEvent read = ours(event, SQSEvent.class);
        assertThat(read).isEqualTo(lambdas(event, SQSEvent.class));
        // The two members named unlike their getters.
        assertThat(read.getRecords()).isNotEmpty()
                .allSatisfy(message -> assertThat(message.getEventSourceArn()).startsWith("arn:aws:sqs:"));
    }

    @Test
    void readsMessageAttributesOfEveryKind() {
        String event = """
                {"Records":[{"messageId":"m-1","body":"{}","eventSourceARN":"arn:aws:sqs:eu-west-1:123456789012:q",
                  "attributes":{"ApproximateReceiveCount":"2"},
                  "messageAttributes":{"text":{"stringValue":"a","dataType":"String"},
                                       "bytes":{"binaryValue":"AQID","dataType":"Binary"}}}]}
                """;

        assertThat(ours(event, SQSEvent.class)).isEqualTo(lambdas(event, SQSEvent.class));
    }

    @Test
    void answersAreReadBackUnchanged() {
        APIGatewayProxyResponseEvent answer = new APIGatewayProxyResponseEvent().withStatusCode(202)
                .withHeaders(Map.of("Location", "/dev/orders/1")).withBody("{\"status\":\"PLACED\"}");
        SQSBatchResponse batch = SQSBatchResponse.builder()
                .withBatchItemFailures(List.of(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier("m-1").build()))
                .build();

        assertThat(lambdas(written(answer), APIGatewayProxyResponseEvent.class)).isEqualTo(answer);
        assertThat(written(batch)).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"}]}");
    }

    @Test
    void anEventOfTheWrongShapeIsRefusedWithItsReason() {
        assertThatThrownBy(() -> ours("{\"Records\":\"not a list\"}", SQSEvent.class))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("the event is not a SQSEvent: ");
    }

    @Test
    void everyFunctionOfTheApplicationIsAStreamHandler() throws ClassNotFoundException {
        List<CloudFormationTemplate.Resource> functions = ApplicationTemplates.stacks().stream()
                .flatMap(stack -> stack.template().resourcesOfType("AWS::Serverless::Function").stream()).toList();

        assertThat(functions).hasSize(9);
        for (CloudFormationTemplate.Resource function : functions) {
            String handler = function.stringProperty("Handler");
            assertThat(RequestStreamHandler.class.isAssignableFrom(Class.forName(handler.substring(0, handler.indexOf("::")))))
                    .as("%s reads its event with LambdaEvents (a typed RequestHandler loads the runtime's own JSON stack)", handler)
                    .isTrue();
        }
    }

    private static <T> T ours(String event, Class<T> type) {
        return LambdaEvents.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), type);
    }

    private static String written(Object answer) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        LambdaEvents.write(output, answer);
        return output.toString(StandardCharsets.UTF_8);
    }

    private static <T> T lambdas(String event, Class<T> type) {
        PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type, type.getClassLoader());
        return serializer.fromJson(event);
    }
}
