package com.example.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A class is counted once, under what it is there for, before or after the end of the init. */
class ClassesByPurposeTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({
            "java.lang.Object, JDK",
            "java.lang.invoke.LambdaForm$MH/0x0000000070410400, JDK",
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda, RUNTIME",
            "com.amazonaws.services.lambda.runtime.events.SQSEvent, RUNTIME",
            "com.amazonaws.xray.AWSXRay, TRACING",
            "com.amazonaws.auth.AWSCredentials, AWS_SDK",
            "software.amazon.awssdk.core.client.builder.SdkDefaultClientBuilder$$Lambda/0x000000007040d2f0, AWS_SDK",
            "software.amazon.lambda.powertools.logging.PowertoolsLogging, LOGGING",
            "org.apache.logging.log4j.core.LoggerContext, LOGGING",
            "software.amazon.cloudwatchlogs.emf.logger.MetricsLogger, METRICS",
            "software.amazon.lambda.powertools.parameters.ssm.SSMProvider, PARAMETERS",
            "com.networknt.schema.JsonSchema, VALIDATION",
            "com.fasterxml.jackson.databind.ObjectMapper, JACKSON",
            "com.example.orders.api.PlaceOrderHandler, CODE",
            "org.joda.time.DateTime, OTHER"})
    void eachClassHasOnePurpose(String className, ClassPurpose purpose) {
        assertThat(ClassPurpose.of(className)).isEqualTo(purpose);
    }

    @Test
    void classesLoadedAfterTheInitCountOnlyByTheFirstAnswer() throws IOException {
        Path log = Files.writeString(directory.resolve("classes.log"), """
                [0.021s][info][class,load] java.lang.Object source: shared objects file
                [0.412s][info][class,load] software.amazon.awssdk.services.dynamodb.DynamoDbClient source: file:/opt/java/lib/dynamodb.jar
                [0.950s][info][class,load] com.example.orders.api.PlaceOrderHandler source: file:/var/task/lib/orders-service.jar
                [0.951s][info][gc] not a class load
                [1.204s][info][class,load] software.amazon.awssdk.services.dynamodb.model.PutItemRequest source: file:/opt/java/lib/dynamodb.jar
                [1.210s][info][class,load] java.lang.invoke.LambdaForm$MH/0x0000000070410400 source: __JVM_LookupDefineClass__
                """);

        ClassesByPurpose classes = ClassesByPurpose.read(log, 1_000);

        assertThat(classes.atInit(ClassPurpose.AWS_SDK)).isEqualTo(1);
        assertThat(classes.byFirstAnswer(ClassPurpose.AWS_SDK)).isEqualTo(2);
        assertThat(classes.atInit(ClassPurpose.CODE)).isEqualTo(1);
        assertThat(classes.atInit(ClassPurpose.JDK)).isEqualTo(1);
        assertThat(classes.byFirstAnswer(ClassPurpose.JDK)).isEqualTo(2);
        assertThat(classes.atInit(ClassPurpose.TRACING)).isZero();
        assertThat(classes.totalAtInit()).isEqualTo(3);
        assertThat(classes.inFirstInvocation(ClassPurpose.AWS_SDK)).isEqualTo(1);
        assertThat(classes.totalInFirstInvocation()).isEqualTo(2);
        assertThat(classes.totalByFirstAnswer()).isEqualTo(5);
    }
}
