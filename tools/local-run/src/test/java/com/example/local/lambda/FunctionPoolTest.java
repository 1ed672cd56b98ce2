package com.example.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.local.Json;
import com.example.local.faults.Fault;
import com.example.local.faults.FaultInjection;
import com.example.local.lambda.FunctionConfiguration.AsyncInvokeConfig;
import com.example.local.lambda.handlers.FailingInitHandler;
import com.example.local.lambda.handlers.PrimedHandler;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;

/** Execution environments under the real runtime interface client, driven through the Runtime API. */
class FunctionPoolTest {

    @TempDir
    static Path work;

    private static Path code;
    private final List<String> traced = new ArrayList<>();
    private final List<FunctionPool> pools = new ArrayList<>();

    @BeforeAll
    static void buildCode() {
        code = TestFunctions.codeDirectory(work.resolve("code"));
    }

    @AfterEach
    void stopEnvironments() {
        pools.forEach(FunctionPool::close);
    }

    @Test
    void aHandlerAnswersThroughTheRuntimeClientAndOnlyTheFirstInvocationReportsInit() {
        FunctionPool pool = pool(TestFunctions.echo(code), 1);

        InvocationResult first = pool.invoke(invocation("{\"hello\":\"lambda\"}"));
        InvocationResult second = pool.invoke(invocation("{\"again\":true}"));

        assertThat(first).isInstanceOf(InvocationResult.Answered.class);
        assertThat(text(first)).isEqualTo("{\"hello\":\"lambda\"}");
        assertThat(first.report().initDurationMs()).isPresent();
        assertThat(first.report().line()).startsWith("REPORT RequestId: ").contains("Memory Size: 256 MB", "Init Duration: ");
        assertThat(first.logTail()).contains("echoing 18 bytes", "with 256 MB", "Root=1-").contains(first.report().line());
        assertThat(second.report().initDurationMs()).isEmpty();
        assertThat(second.report().maxMemoryUsedMb()).isPositive();
        assertThat(pool.environments()).isEqualTo(1);
    }

    @Test
    void theFunctionSeesItsConfigurationAndLambdasVariablesAndNothingOfTheHost() {
        FunctionPool pool = pool(TestFunctions.echo(code), 1);

        JsonNode variables = Json.parse(text(pool.invoke(invocation("{\"environment\":true}")))).path("variables");

        assertThat(variables.path("TABLE_NAME").asText()).isEqualTo("orders");
        assertThat(variables.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("test-EchoHandler");
        assertThat(variables.path("AWS_LAMBDA_RUNTIME_API").asText()).startsWith("127.0.0.1:");
        // The task root is assembled from the artifact (see ManagedJavaRuntime): the function finds its own code there.
        Path taskRoot = Path.of(variables.path("LAMBDA_TASK_ROOT").asText());
        assertThat(taskRoot.resolve("com/example/local/lambda/handlers/EchoHandler.class")).isRegularFile()
                .hasSameBinaryContentAs(code.resolve("com/example/local/lambda/handlers/EchoHandler.class"));
        assertThat(variables.path("AWS_LAMBDA_INITIALIZATION_TYPE").asText()).isEqualTo("on-demand");
        assertThat(variables.has("HOME")).as("the host's variables stay outside").isFalse();
        assertThat(variables.has("PATH")).isFalse();
    }

    @Test
    void anErrorIsReportedWithItsTypeAndTheEnvironmentServesTheNextInvocation() {
        FunctionPool pool = pool(TestFunctions.echo(code), 1);

        InvocationResult failed = pool.invoke(invocation("{\"fail\":true}"));
        InvocationResult next = pool.invoke(invocation("{}"));

        assertThat(failed).isInstanceOfSatisfying(InvocationResult.Failed.class, failure -> {
            assertThat(failure.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(Json.parse(failure.payload()).path("errorMessage").asText()).isEqualTo("asked to fail");
        });
        assertThat(next).isInstanceOf(InvocationResult.Answered.class);
        assertThat(next.report().initDurationMs()).as("the same environment, no new init").isEmpty();
    }

    @Test
    void anInvocationThatOutlivesTheTimeoutEndsItsEnvironment() {
        FunctionConfiguration oneSecond = TestFunctions.function(code, "com.example.local.lambda.handlers.EchoHandler",
                Duration.ofSeconds(1), false, OptionalInt.empty(), AsyncInvokeConfig.defaults());
        FunctionPool pool = pool(oneSecond, 1);

        InvocationResult timedOut = pool.invoke(Invocation.of("{\"sleep\":true}".getBytes(StandardCharsets.UTF_8),
                oneSecond.timeout(), oneSecond.arn(), LambdaService.traceHeader()));
        InvocationResult next = pool.invoke(invocation("{}"));

        assertThat(timedOut).isInstanceOfSatisfying(InvocationResult.Failed.class, failure -> {
            assertThat(failure.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(failure.errorMessage()).contains("Task timed out after 1.00 seconds");
        });
        assertThat(next).isInstanceOf(InvocationResult.Answered.class);
        assertThat(next.report().initDurationMs()).as("a new environment: a cold start").isPresent();
    }

    @Test
    void waitingForAFreeEnvironmentDoesNotCountAgainstTheTimeout() throws Exception {
        FunctionConfiguration oneSecond = TestFunctions.function(code, "com.example.local.lambda.handlers.EchoHandler",
                Duration.ofSeconds(1), false, OptionalInt.empty(), AsyncInvokeConfig.defaults());
        FunctionPool pool = pool(oneSecond, 1);
        pool.warm();

        // Each takes 0.7 s of the 1 s timeout; the second waits 0.7 s for the only environment first, as Lambda never makes it wait.
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var first = executor.submit(() -> pool.invoke(Invocation.of("{\"work\":true}".getBytes(StandardCharsets.UTF_8),
                    oneSecond.timeout(), oneSecond.arn(), LambdaService.traceHeader())));
            var second = executor.submit(() -> pool.invoke(Invocation.of("{\"work\":true}".getBytes(StandardCharsets.UTF_8),
                    oneSecond.timeout(), oneSecond.arn(), LambdaService.traceHeader())));

            assertThat(first.get()).isInstanceOf(InvocationResult.Answered.class);
            assertThat(second.get()).isInstanceOf(InvocationResult.Answered.class);
        }
    }

    @Test
    void theFaultSwitchKillsARuntimeDuringItsInvocationAndTheNextOneGetsAFreshEnvironment() {
        FaultInjection faults = FaultInjection.switchedOff();
        faults.inject(Fault.lasting("lambda", "Crash", Optional.of("Echo"), 1, Duration.ofSeconds(30), faults.now()));
        FunctionConfiguration echo = TestFunctions.echo(code);
        FunctionPool pool = new FunctionPool(echo, ManagedJavaRuntime.current(work.resolve("task")), new FunctionLog(echo.name(),
                echo.logging(), work.resolve("logs").resolve("crash" + System.nanoTime() + ".log"), Trace.into(traced), false),
                Trace.into(traced), 1, faults);
        pools.add(pool);

        InvocationResult crashed = pool.invoke(invocation("{\"sleep\":true}"));
        faults.clear();
        InvocationResult next = pool.invoke(invocation("{}"));

        assertThat(crashed).isInstanceOfSatisfying(InvocationResult.Failed.class,
                failure -> assertThat(failure.errorType()).isEqualTo("Runtime.ExitError"));
        assertThat(next).isInstanceOf(InvocationResult.Answered.class);
        assertThat(next.report().initDurationMs()).as("a new environment").isPresent();
    }

    @Test
    void aRuntimeThatExitsFailsItsInvocationAndIsReplaced() {
        FunctionPool pool = pool(TestFunctions.echo(code), 1);

        InvocationResult exited = pool.invoke(invocation("{\"exit\":true}"));

        assertThat(exited).isInstanceOfSatisfying(InvocationResult.Failed.class, failure -> {
            assertThat(failure.errorType()).isEqualTo("Runtime.ExitError");
            assertThat(failure.errorMessage()).contains("exit status 3");
        });
        assertThat(pool.invoke(invocation("{}")).report().initDurationMs()).isPresent();
    }

    @Test
    void aHandlerThatCannotInitialiseFailsTheStartWithItsReason() {
        FunctionConfiguration broken = TestFunctions.function(code, FailingInitHandler.class.getName(),
                Duration.ofSeconds(2), false, OptionalInt.empty(), AsyncInvokeConfig.defaults());
        FunctionPool pool = pool(broken, 1);

        assertThatThrownBy(pool::warm).hasMessageContaining("TABLE_NAME is not set");
        assertThat(pool.invoke(invocation("{}"))).isInstanceOfSatisfying(InvocationResult.Failed.class,
                failure -> assertThat(failure.errorType()).isEqualTo("Runtime.InitError"));
    }

    @Test
    void snapStartRunsTheCheckpointHooksBeforeTheFirstInvocation() {
        FunctionConfiguration snapStart = TestFunctions.function(code, PrimedHandler.class.getName(),
                Duration.ofSeconds(2), true, OptionalInt.empty(), AsyncInvokeConfig.defaults());
        FunctionConfiguration onDemand = TestFunctions.function(code, PrimedHandler.class.getName(),
                Duration.ofSeconds(2), false, OptionalInt.empty(), AsyncInvokeConfig.defaults());

        assertThat(text(pool(snapStart, 1).invoke(invocation("{}")))).isEqualTo("{\"primed\":true,\"restored\":true}");
        assertThat(text(pool(onDemand, 1).invoke(invocation("{}")))).isEqualTo("{\"primed\":false,\"restored\":false}");
    }

    private FunctionPool pool(FunctionConfiguration function, int environments) {
        FunctionLog log = new FunctionLog(function.name(), function.logging(),
                work.resolve("logs").resolve(function.logicalId() + System.nanoTime() + ".log"), Trace.into(traced), false);
        FunctionPool pool = new FunctionPool(function, ManagedJavaRuntime.current(work.resolve("task")), log, Trace.into(traced), environments);
        pools.add(pool);
        return pool;
    }

    private static Invocation invocation(String payload) {
        return Invocation.of(payload.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30),
                "arn:aws:lambda:us-east-1:000000000000:function:test", LambdaService.traceHeader());
    }

    private static String text(InvocationResult result) {
        return switch (result) {
            case InvocationResult.Answered answered -> new String(answered.payload(), StandardCharsets.UTF_8);
            case InvocationResult.Failed failed -> throw new AssertionError("failed: " + failed.errorMessage());
        };
    }
}
