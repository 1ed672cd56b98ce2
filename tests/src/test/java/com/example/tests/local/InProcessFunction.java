package com.example.tests.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.example.local.lambda.FunctionRuntime;
import com.example.local.lambda.Invocation;
import com.example.local.lambda.InvocationReport;
import com.example.local.lambda.InvocationResult;
import com.example.platform.json.Json;
import com.example.tests.lambda.TestLambdaContext;

/**
 * A function's handler run in the test JVM, for the local run's Lambda service: white-box tests
 * reach into the handler's state, which a JVM of its own would hide. Typed handlers get their event
 * through the runtime interface client's own serialization, as under the managed runtime; a handler
 * that throws fails the invocation with the exception's class as {@code errorType}, as Lambda does.
 */
public final class InProcessFunction implements FunctionRuntime {

    private final String functionName;
    private final Object handler;
    private final int memoryMb;

    public InProcessFunction(String functionName, Object handler, int memoryMb) {
        if (!(handler instanceof RequestStreamHandler) && !(handler instanceof RequestHandler<?, ?>)) {
            throw new IllegalArgumentException(handler.getClass().getName() + " is no Lambda handler");
        }
        this.functionName = functionName;
        this.handler = handler;
        this.memoryMb = memoryMb;
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
        if (handler instanceof RequestStreamHandler streamHandler) {
            streamHandler.handleRequest(new ByteArrayInputStream(payload), output, TestLambdaContext.of(functionName));
            return output.toByteArray();
        }
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
        Type[] types = handlerTypes(handler.getClass());
        Object event = serializer(types[0]).fromJson(new ByteArrayInputStream(payload));
        Object response = typed.handleRequest(event, TestLambdaContext.of(functionName));
        if (response != null) {
            serializer(types[1]).toJson(response, output);
        }
        return output.toByteArray();
    }

    /** As the runtime client chooses: its event mixins for Lambda's event types, plain Jackson for the rest. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type) {
        Class<Object> rawType = (Class<Object>) (type instanceof ParameterizedType parameterized ? parameterized.getRawType() : type);
        return LambdaEventSerializers.isLambdaSupportedEvent(rawType.getName())
                ? LambdaEventSerializers.serializerFor(rawType, rawType.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(rawType);
    }

    private static Type[] handlerTypes(Class<?> handlerClass) {
        for (Class<?> current = handlerClass; current != null; current = current.getSuperclass()) {
            for (Type implemented : current.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments();
                }
            }
        }
        throw new IllegalArgumentException(handlerClass.getName() + " does not name its RequestHandler types");
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
