package com.example.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.lambda.ClassLoadLog;
import com.example.local.lambda.FunctionConfiguration;
import com.example.local.lambda.FunctionLog;
import com.example.local.lambda.FunctionPool;
import com.example.local.lambda.Invocation;
import com.example.local.lambda.InvocationResult;
import com.example.local.lambda.LambdaService;
import com.example.local.lambda.ManagedJavaRuntime;
import com.example.local.stack.FunctionDefinitions;
import com.example.local.stack.LayerVersions;
import com.example.local.trace.Trace;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code make invoke}: the Docker-free {@code sam local invoke}. One function of the template, in
 * one execution environment under the Lambda runtime interface client with its deployed layout,
 * invoked once with an event file; the response (or the function's error object) goes to stdout,
 * the function's log and its REPORT line to stderr. As with {@code sam local invoke}, the exit
 * status is 0 when the function ran, whatever it answered, and non-zero when it could not run.
 *
 * <p>Without an env-vars file it runs against the running local application: the environment is
 * the one {@code make run} gave the function ({@code .local/env-vars.json}). With one (the format
 * of {@code sam local invoke --env-vars}, e.g. {@code events/<service>/env-vars.json} filled in
 * with a deployed stack's names), the function gets those variables, Lambda's own, and the
 * caller's AWS credentials and region, and so reaches the deployed stack's resources.
 */
public final class LocalInvoke {

    private LocalInvoke() {
    }

    public static void main(String[] arguments) {
        if (arguments.length < 2 || arguments[0].isBlank() || arguments[1].isBlank()) {
            System.err.println("usage: make invoke FUNCTION=[<Stack>/]<LogicalId> EVENT=<event file> [ENV_VARS=<env-vars file>]");
            System.exit(2);
        }
        ProjectDirectory project = ProjectDirectory.current();
        Optional<Path> envVars = arguments.length > 2 && !arguments[2].isBlank()
                ? Optional.of(project.root().resolve(arguments[2])) : Optional.empty();
        try {
            System.exit(invoke(project, arguments[0], project.root().resolve(arguments[1]), envVars));
        } catch (RuntimeException e) {
            System.err.println("make invoke: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Invokes the function once and prints what it answered; the exit status (0: it ran). The function
     * is named as {@code sam local invoke} names it: {@code OrdersService/PlaceOrderFunction}, or its
     * logical id alone where only one stack of the application has it.
     */
    static int invoke(ProjectDirectory project, String functionName, Path eventFile, Optional<Path> envVarsFile) {
        Map<String, String> lambdaEnvironment = new LinkedHashMap<>();
        // The local run's region (make run's LOCAL_REGION), or, against a deployed stack, the caller's.
        String region = envVarsFile.isEmpty() ? System.getenv().getOrDefault("LOCAL_REGION", "us-east-1")
                : new DefaultAwsRegionProviderChain().getRegion().id();
        DeployedStack application = new DeployedStack(CloudFormationTemplate.load(project.template()),
                System.getenv().getOrDefault("STACK_NAME", "serverless-orders-local"), region, "000000000000", Map.of());
        DeployedStack.Located located = application.locate(functionName);
        if (!"AWS::Serverless::Function".equals(located.resource().type())) {
            throw new IllegalArgumentException(functionName + " is not a function of the application");
        }
        String logicalId = located.qualifiedId();
        byte[] event = read(eventFile);
        Map<String, String> variables;
        if (envVarsFile.isEmpty()) {
            EnvVarsFile localRun = EnvVarsFile.ofLocalRun(project);
            if (!localRun.exists()) {
                throw new IllegalStateException("no running local application: start it with `make run`, or give ENV_VARS=<file> "
                        + "to invoke against a deployed stack");
            }
            variables = localRun.variables(logicalId);
            requireListening(URI.create(variables.getOrDefault("AWS_ENDPOINT_URL", "")));
        } else {
            variables = new EnvVarsFile(envVarsFile.get()).variables(logicalId);
            lambdaEnvironment.putAll(callerCredentials(region));
        }
        Path build = project.resolve(".aws-sam/build");
        FunctionConfiguration defined = new FunctionDefinitions(located.stack(), build, LayerVersions.ofApplication(application, build))
                .configuration(located.logicalId(), lambdaEnvironment, Optional.of(variables));
        // CLASSES=1: also count the classes the JVM loaded until the first answer (the cold-start budgets).
        Optional<ClassLoadLog> classLog = "1".equals(System.getenv("CLASSES"))
                ? Optional.of(new ClassLoadLog(project.localState().resolve("invoke/classes-" + logicalId.replace('/', '-') + ".log")))
                : Optional.empty();
        FunctionConfiguration function = classLog.map(log -> log.applyTo(defined)).orElse(defined);
        Trace trace = Trace.toTerminal(System.err);
        try (FunctionLog log = new FunctionLog(logicalId, function.logging(),
                project.localState().resolve("logs/invoke-" + logicalId.replace('/', '-') + ".log"), trace, false);
             FunctionPool pool = new FunctionPool(function, ManagedJavaRuntime.current(project.localState().resolve("invoke")), log,
                     trace, 1)) {
            InvocationResult result = pool.invoke(Invocation.of(event, function.timeout(),
                    function.arn(), LambdaService.traceHeader()));
            System.err.print(result.logTail());
            classLog.ifPresent(classes -> System.err.println("Classes loaded at the first answer: " + classes.classesLoaded()));
            System.out.println(switch (result) {
                case InvocationResult.Answered answered -> new String(answered.payload(), StandardCharsets.UTF_8);
                case InvocationResult.Failed failed -> failed.errorMessage();
            });
            return 0;
        }
    }

    /** What Lambda gives a function: the region and its role's credentials; here, the caller's. */
    private static Map<String, String> callerCredentials(String region) {
        Map<String, String> environment = new LinkedHashMap<>();
        try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
            AwsCredentials credentials = provider.resolveCredentials();
            environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
            environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            if (credentials instanceof AwsSessionCredentials session) {
                environment.put("AWS_SESSION_TOKEN", session.sessionToken());
            }
        }
        environment.put("AWS_REGION", region);
        environment.put("AWS_DEFAULT_REGION", region);
        environment.put("TZ", ":UTC");
        environment.put("LANG", "en_US.UTF-8");
        return environment;
    }

    private static void requireListening(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the local application is not running (nothing answers on " + endpoint
                    + "): start it with `make run` in another terminal");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
