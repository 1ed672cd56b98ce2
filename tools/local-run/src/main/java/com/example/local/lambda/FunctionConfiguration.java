package com.example.local.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A function as Lambda holds it once deployed: its code (the {@code sam build} artifact and the
 * layers' directories), handler, runtime, memory, timeout, environment, concurrency, and how
 * asynchronous invocations are retried and where the failed ones go.
 *
 * @param environment the variables the function's configuration gives it, already resolved, plus
 *                    the ones Lambda sets for every environment of the function (region,
 *                    credentials, names); per-environment ones are added when it starts
 */
public record FunctionConfiguration(String logicalId, String name, String arn, String handler, String runtime,
                                    int memoryMb, Duration timeout, Map<String, String> environment,
                                    Path codeDirectory, List<Path> layerDirectories, boolean snapStart,
                                    OptionalInt reservedConcurrency, AsyncInvokeConfig asyncInvoke,
                                    Logging logging, List<String> qualifiers) {

    public FunctionConfiguration {
        environment = Map.copyOf(environment);
        layerDirectories = List.copyOf(layerDirectories);
        qualifiers = List.copyOf(qualifiers);
    }

    /** The same function with other environment variables (JAVA_TOOL_OPTIONS, for one). */
    public FunctionConfiguration withEnvironment(Map<String, String> variables) {
        return new FunctionConfiguration(logicalId, name, arn, handler, runtime, memoryMb, timeout, variables, codeDirectory,
                layerDirectories, snapStart, reservedConcurrency, asyncInvoke, logging, qualifiers);
    }

    /**
     * The same function on another managed runtime, {@code AWS_EXECUTION_ENV} (which Lambda sets
     * from the runtime) with it: a function written for an older Java, run on this one.
     */
    public FunctionConfiguration withRuntime(String otherRuntime) {
        Map<String, String> variables = new java.util.LinkedHashMap<>(environment);
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + otherRuntime);
        return new FunctionConfiguration(logicalId, name, arn, handler, otherRuntime, memoryMb, timeout, variables, codeDirectory,
                layerDirectories, snapStart, reservedConcurrency, asyncInvoke, logging, qualifiers);
    }

    /** The same function, initialised on demand or, with SnapStart, primed before its first request. */
    public FunctionConfiguration withSnapStart(boolean enabled) {
        return new FunctionConfiguration(logicalId, name, arn, handler, runtime, memoryMb, timeout, environment, codeDirectory,
                layerDirectories, enabled, reservedConcurrency, asyncInvoke, logging, qualifiers);
    }

    /** How Lambda retries an asynchronous invocation whose function failed, and where it then sends the event. */
    public record AsyncInvokeConfig(int maximumRetryAttempts, Duration maximumEventAge, Optional<String> onFailure) {

        /** Lambda's defaults: two retries, six hours, no destination. */
        public static AsyncInvokeConfig defaults() {
            return new AsyncInvokeConfig(2, Duration.ofHours(6), Optional.empty());
        }
    }

    /**
     * The function's logging configuration: the format of its log stream (Text or JSON), the
     * application level (given to the runtime) and the system level (which of Lambda's own
     * START/END/REPORT records reach the stream), and the log group.
     */
    public record Logging(String format, String applicationLevel, String systemLevel, String logGroup) {
    }
}
