package com.example.local.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.lambda.FunctionConfiguration;

/**
 * A function of the template as Lambda would hold it once deployed: SAM's properties (Globals
 * merged), its {@code sam build} artifact and layers, and the variables Lambda adds to its environment.
 */
public final class FunctionDefinitions {

    private final DeployedStack stack;
    private final Path buildDirectory;
    private final LayerVersions layers;

    /**
     * @param buildDirectory {@code sam build}'s output for the whole application: a function's artifact
     *                       is under its qualified logical id ({@code OrdersService/PlaceOrderFunction})
     * @param layers         the application's layer versions, which the functions name by ARN
     */
    public FunctionDefinitions(DeployedStack stack, Path buildDirectory, LayerVersions layers) {
        this.stack = stack;
        this.buildDirectory = buildDirectory;
        this.layers = layers;
    }

    /**
     * The function's configuration. Its environment is {@code lambdaEnvironment} (what Lambda sets)
     * plus the template's variables resolved against the stack, or {@code variables} when given (an
     * env-vars file, as {@code sam local invoke --env-vars} takes).
     */
    public FunctionConfiguration configuration(String logicalId, Map<String, String> lambdaEnvironment,
                                               Optional<Map<String, String>> variables) {
        SamFunction function = new SamFunction(stack.template().resource(logicalId), stack.template().functionGlobals());
        String name = function.property("FunctionName").map(stack::resolve).orElse(physicalName(stack, logicalId, 64));
        String arn = "arn:aws:lambda:" + stack.region() + ":" + stack.accountId() + ":function:" + name;
        int memory = Integer.parseInt(function.property("MemorySize").map(stack::resolve).orElse("128"));
        Map<String, Object> logging = CloudFormationTemplate.asMap(function.property("LoggingConfig").orElse(Map.of()));
        String logGroup = logGroup(logging.get("LogGroup"), name);
        String logFormat = String.valueOf(logging.getOrDefault("LogFormat", "Text"));
        Map<String, String> environment = new LinkedHashMap<>(lambdaEnvironment);
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.property("Runtime").map(String::valueOf).orElse("java25"));
        environment.put("AWS_LAMBDA_FUNCTION_NAME", name);
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", logGroup);
        environment.put("_HANDLER", stack.resolve(function.property("Handler").orElseThrow()));
        if ("JSON".equalsIgnoreCase(logFormat)) {
            environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            environment.put("AWS_LAMBDA_LOG_LEVEL", String.valueOf(logging.getOrDefault("ApplicationLogLevel", "INFO")));
        }
        variables.ifPresentOrElse(environment::putAll, () -> CloudFormationTemplate.map(CloudFormationTemplate.asMap(
                function.property("Environment").orElse(Map.of())), "Variables")
                .forEach((variable, value) -> environment.put(variable, stack.resolve(value))));
        List<Path> layerDirectories = function.property("Layers").map(CloudFormationTemplate::asList).orElse(List.of()).stream()
                .map(layer -> layers.directory(stack.resolve(layer)))
                .toList();
        boolean snapStart = function.property("SnapStart", "ApplyOn").map(stack::resolve).filter("PublishedVersions"::equals).isPresent()
                && function.property("AutoPublishAlias").isPresent();
        List<String> qualifiers = new ArrayList<>(List.of("$LATEST"));
        function.property("AutoPublishAlias").map(stack::resolve).ifPresent(alias -> qualifiers.addAll(List.of(alias, "1")));
        OptionalInt reserved = function.property("ReservedConcurrentExecutions").flatMap(stack::resolveOptional)
                .map(value -> OptionalInt.of(Integer.parseInt(value))).orElse(OptionalInt.empty());
        Map<String, Object> invokeConfig = CloudFormationTemplate.asMap(resolvedOr(function.property("EventInvokeConfig")
                .orElse(Map.of()), Map.of()));
        FunctionConfiguration.AsyncInvokeConfig async = new FunctionConfiguration.AsyncInvokeConfig(
                Integer.parseInt(String.valueOf(invokeConfig.getOrDefault("MaximumRetryAttempts", 2))),
                Duration.ofSeconds(Long.parseLong(String.valueOf(invokeConfig.getOrDefault("MaximumEventAgeInSeconds", 21600)))),
                Optional.ofNullable(CloudFormationTemplate.map(CloudFormationTemplate.map(invokeConfig, "DestinationConfig"), "OnFailure")
                        .get("Destination")).map(String::valueOf));
        String qualifiedId = stack.qualified(logicalId);
        return new FunctionConfiguration(qualifiedId, name, arn, environment.get("_HANDLER"),
                function.property("Runtime").map(String::valueOf).orElse("java25"), memory,
                Duration.ofSeconds(Long.parseLong(function.property("Timeout").map(stack::resolve).orElse("3"))),
                environment, buildDirectory.resolve(qualifiedId), layerDirectories, snapStart, reserved, async,
                new FunctionConfiguration.Logging(logFormat, String.valueOf(logging.getOrDefault("ApplicationLogLevel", "INFO")),
                        String.valueOf(logging.getOrDefault("SystemLogLevel", "INFO")), logGroup),
                qualifiers);
    }

    /**
     * A value resolved against the stack, or the fallback when it names what is not deployed: a
     * function run on its own ({@code make invoke}) has no stack around it.
     */
    private Object resolvedOr(Object value, Object fallback) {
        try {
            return stack.resolveAll(value);
        } catch (IllegalArgumentException notDeployed) {
            return fallback;
        }
    }

    /** The log group the function's configuration names, or Lambda's default; a reference not yet deployed is the default. */
    private String logGroup(Object configured, String functionName) {
        if (configured == null) {
            return "/aws/lambda/" + functionName;
        }
        try {
            return stack.resolve(configured);
        } catch (IllegalArgumentException notDeployed) {
            return "/aws/lambda/" + functionName;
        }
    }

    /** CloudFormation's way of naming what the template leaves unnamed: the stack's name and the logical id. */
    static String physicalName(DeployedStack stack, String logicalId, int maxLength) {
        String name = stack.name() + "-" + logicalId;
        if (name.length() <= maxLength) {
            return name;
        }
        String suffix = "-" + Integer.toHexString(name.hashCode());
        return name.substring(0, maxLength - suffix.length()) + suffix;
    }
}
