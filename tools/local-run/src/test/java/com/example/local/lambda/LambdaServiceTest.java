package com.example.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.local.Json;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;

/** The Lambda service's own rules, over a runtime that needs no JVM: limits, throttling, async retries, destinations. */
class LambdaServiceTest {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:failures";

    private final List<String> destinationRecords = new CopyOnWriteArrayList<>();
    private final LambdaService lambda = new LambdaService(Trace.discarding(), (arn, record) -> destinationRecords.add(arn + " " + record));

    @AfterEach
    void close() {
        lambda.close();
    }

    @Test
    void aFunctionAnswersToItsNameItsArnAndItsAliasButNotToAnUnpublishedQualifier() {
        lambda.register(function("orders", OptionalInt.empty(), new FunctionConfiguration.AsyncInvokeConfig(0, Duration.ofHours(1),
                Optional.empty())), new Scripted(false), 2);

        assertThat(lambda.invoke("orders", bytes("{}"))).isInstanceOf(InvokeOutcome.Completed.class);
        assertThat(lambda.invoke("arn:aws:lambda:us-east-1:000000000000:function:orders:live", bytes("{}")))
                .isInstanceOf(InvokeOutcome.Completed.class);
        assertThat(lambda.invoke("orders:7", bytes("{}"))).isEqualTo(new InvokeOutcome.Refused(404, "ResourceNotFoundException",
                "Function not found: orders:7"));
        assertThat(lambda.invoke("nobody", bytes("{}"))).isInstanceOfSatisfying(InvokeOutcome.Refused.class,
                refused -> assertThat(refused.status()).isEqualTo(404));
    }

    @Test
    void payloadsOverLambdasLimitsAreRefusedBeforeAnyCodeRuns() {
        Scripted runtime = new Scripted(false);
        lambda.register(function("orders", OptionalInt.empty(), FunctionConfiguration.AsyncInvokeConfig.defaults()), runtime, 2);

        assertThat(lambda.invoke("orders", new byte[LambdaService.SYNC_PAYLOAD_LIMIT + 1]))
                .isInstanceOfSatisfying(InvokeOutcome.Refused.class, refused -> assertThat(refused.status()).isEqualTo(413));
        assertThat(lambda.invokeAsync("orders", new byte[LambdaService.ASYNC_PAYLOAD_LIMIT + 1]))
                .isInstanceOfSatisfying(InvokeOutcome.Refused.class, refused -> assertThat(refused.status()).isEqualTo(413));
        assertThat(runtime.invocations.get()).isZero();
    }

    @Test
    void reservedConcurrencyThrottlesTheInvocationsBeyondIt() throws Exception {
        Scripted runtime = new Scripted(false);
        runtime.hold = new CountDownLatch(1);
        lambda.register(function("orders", OptionalInt.of(1), FunctionConfiguration.AsyncInvokeConfig.defaults()), runtime, 2);

        CompletableFuture<InvokeOutcome> first = CompletableFuture.supplyAsync(() -> lambda.invoke("orders", bytes("{}")));
        runtime.started.await(5, TimeUnit.SECONDS);
        InvokeOutcome second = lambda.invoke("orders", bytes("{}"));
        runtime.hold.countDown();

        assertThat(second).isEqualTo(new InvokeOutcome.Refused(429, "TooManyRequestsException", "Rate Exceeded."));
        assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(InvokeOutcome.Completed.class);
        assertThat(lambda.invocations("orders")).as("the throttled one never reached the code").isEqualTo(1);
    }

    @Test
    void anAsynchronousEventThatKeepsFailingIsRetriedThenRecordedAtItsOnFailureDestination() {
        Scripted runtime = new Scripted(true);
        lambda.register(function("marker", OptionalInt.empty(), new FunctionConfiguration.AsyncInvokeConfig(2,
                Duration.ofHours(1), Optional.of(QUEUE))), runtime, 1);

        assertThat(lambda.invokeAsync("marker:live", bytes("{\"invoiceId\":\"i-1\"}"))).isInstanceOf(InvokeOutcome.Queued.class);
        lambda.drainAsync(Duration.ofSeconds(10));

        assertThat(runtime.invocations.get()).as("the first attempt and two retries").isEqualTo(3);
        assertThat(destinationRecords).hasSize(1);
        String[] sent = destinationRecords.getFirst().split(" ", 2);
        assertThat(sent[0]).isEqualTo(QUEUE);
        JsonNode record = Json.parse(sent[1]);
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.at("/requestContext/functionArn").asText()).endsWith(":function:marker:live");
        assertThat(record.at("/requestPayload/invoiceId").asText()).isEqualTo("i-1");
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.at("/responsePayload/errorType").asText()).isEqualTo("IllegalStateException");
    }

    private static FunctionConfiguration function(String name, OptionalInt reserved, FunctionConfiguration.AsyncInvokeConfig async) {
        return new FunctionConfiguration("Test" + name, name, "arn:aws:lambda:us-east-1:000000000000:function:" + name,
                "example.Handler::handleRequest", "java25", 256, Duration.ofSeconds(5), Map.of(), Path.of("."),
                List.of(), false, reserved, async, new FunctionConfiguration.Logging("JSON", "INFO", "INFO", "/aws/lambda/" + name),
                List.of("live"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A runtime that answers (echoing the event) or fails, and can hold an invocation until released. */
    private static final class Scripted implements FunctionRuntime {
        final AtomicInteger invocations = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final boolean failing;
        volatile CountDownLatch hold;

        Scripted(boolean failing) {
            this.failing = failing;
        }

        @Override
        public InvocationResult invoke(Invocation invocation) {
            invocations.incrementAndGet();
            started.countDown();
            if (hold != null) {
                try {
                    hold.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            InvocationReport report = new InvocationReport(invocation.requestId(), 1.0, 256, 50, OptionalDouble.empty(),
                    failing ? "error" : "success");
            return failing
                    ? new InvocationResult.Failed("IllegalStateException",
                            bytes("{\"errorType\":\"IllegalStateException\",\"errorMessage\":\"no such invoice\"}"), report, "")
                    : new InvocationResult.Answered(invocation.payload(), report, "");
        }

        @Override
        public void close() {
        }
    }
}
