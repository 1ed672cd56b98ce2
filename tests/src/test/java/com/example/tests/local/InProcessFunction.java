package com.example.tests.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.local.lambda.FunctionConfiguration;
import com.example.local.lambda.FunctionRuntime;
import com.example.local.lambda.Invocation;
import com.example.local.lambda.InvocationReport;
import com.example.local.lambda.InvocationResult;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.json.Json;
import com.example.tests.lambda.TestLambdaContext;

/**
 * A function's handler run in the test JVM, for the local run's Lambda service: white-box tests
 * reach into the handler's state, which a JVM of its own would hide. Every handler of the project is
 * a stream handler ({@code LambdaEvents}); one that throws fails the invocation with the exception's
 * class as {@code errorType}, as Lambda does.
 */
public final class InProcessFunction implements FunctionRuntime {

    private final String functionName;
    private final RequestStreamHandler handler;
    private final int memoryMb;

    public InProcessFunction(String functionName, RequestStreamHandler handler, int memoryMb) {
        this.functionName = functionName;
        this.handler = handler;
        this.memoryMb = memoryMb;
    }

    /** A function of the template, its handler class instantiated with the environment its configuration gives it. */
    public static InProcessFunction of(FunctionConfiguration function) {
        String handler = function.handler();
        if (!(instantiate(handler.substring(0, handler.indexOf("::")), LambdaEnvironment.of(function.environment()))
                instanceof RequestStreamHandler instance)) {
            throw new IllegalStateException(handler + " is no RequestStreamHandler: every function reads its event with LambdaEvents");
        }
        return new InProcessFunction(function.name(), instance, function.memoryMb());
    }

    private static Object instantiate(String className, LambdaEnvironment environment) {
        try {
            return Class.forName(className).getConstructor(LambdaEnvironment.class).newInstance(environment);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(className + " failed at init", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(className + " needs a public constructor taking a LambdaEnvironment", e);
        }
    }

    @Override
    public InvocationResult invoke(Invocation invocation) {
        long started = System.nanoTime();
        try {
            byte[] response = handle(invocation.payload());
            return new InvocationResult.Answered(response, report(invocation, started, "success"), "");
        } catch (Exception | Error failure) {
            String error = Json.write(Map.of("errorType", failure.getClass().getName(),
                    "errorMessage", String.valueOf(failure.getMessage()),
                    "stackTrace", Arrays.stream(failure.getStackTrace()).limit(20).map(String::valueOf).toList()));
            return new InvocationResult.Failed(failure.getClass().getName(), error.getBytes(StandardCharsets.UTF_8),
                    report(invocation, started, "error"), "");
        }
    }

    private byte[] handle(byte[] payload) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload), output, TestLambdaContext.of(functionName));
        return output.toByteArray();
    }

    private InvocationReport report(Invocation invocation, long started, String status) {
        double durationMs = (System.nanoTime() - started) / 1_000_000.0;
        return new InvocationReport(invocation.requestId(), durationMs, memoryMb, 0, OptionalDouble.empty(), status);
    }

    @Override
    public void close() {
        // The handler lives as long as the test JVM.
    }
}
