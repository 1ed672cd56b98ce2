package com.example.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import com.example.local.apigateway.LocalApiGateway;
import com.example.local.apigateway.RestApi;
import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.cloudwatch.QueueDepthAlarms;
import com.example.local.iam.CallerIdentities;
import com.example.local.iam.Principal;
import com.example.local.lambda.FunctionLog;
import com.example.local.lambda.FunctionPool;
import com.example.local.lambda.ManagedJavaRuntime;
import com.example.local.pipes.StreamPipe;
import com.example.local.servers.DeferredHandler;
import com.example.local.servers.HttpServers;
import com.example.local.sqs.SqsEventSourceMapping;
import com.example.local.stack.TemplateDeployment;
import com.example.local.stack.TemplateSupport;
import com.example.local.stepfunctions.ExecutionTrace;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code make run}: the whole application of template.yaml on this machine. It deploys the
 * template onto a {@link LocalCloud}, starts every function in its own JVM under the Lambda
 * runtime interface client, starts delivery (the pipe, the event source mappings, the rules, S3's
 * notifications), serves the REST API, writes {@code .local/outputs.json} in the shape of
 * {@code sam list stack-outputs --output json}, and traces everything that happens until Ctrl-C.
 */
public final class LocalRun implements AutoCloseable {

    /** How the local run is set up; {@link #fromEnvironment} reads it from the variables {@code make run} documents. */
    public record Settings(int apiPort, int endpointPort, String stackName, String region, String accountId,
                           String callerArn, Map<String, String> parameterOverrides, int environmentsPerFunction,
                           boolean everyLogLine, Path python) {

        public static Settings fromEnvironment(Map<String, String> environment, Path python) {
            String accountId = "000000000000";
            return new Settings(
                    Integer.parseInt(environment.getOrDefault("PORT", "3000")),
                    Integer.parseInt(environment.getOrDefault("AWS_PORT", "4566")),
                    environment.getOrDefault("STACK_NAME", "serverless-orders-local"),
                    environment.getOrDefault("LOCAL_REGION", "us-east-1"),
                    accountId,
                    environment.getOrDefault("LOCAL_CALLER_ARN", "arn:aws:iam::" + accountId + ":user/local-developer"),
                    parameterOverrides(environment.getOrDefault("PARAMETER_OVERRIDES", "")),
                    Integer.parseInt(environment.getOrDefault("LOCAL_ENVIRONMENTS", "2")),
                    "all".equals(environment.get("LOG")),
                    python);
        }

        /** {@code Key=Value Key2=Value2}, as {@code sam deploy --parameter-overrides} takes them. */
        static Map<String, String> parameterOverrides(String text) {
            Map<String, String> overrides = new LinkedHashMap<>();
            for (String pair : text.trim().split("\\s+")) {
                if (!pair.isEmpty()) {
                    String[] parts = pair.split("=", 2);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("PARAMETER_OVERRIDES takes Key=Value pairs, not " + pair);
                    }
                    overrides.put(parts[0], parts[1]);
                }
            }
            return overrides;
        }
    }

    private final ProjectDirectory project;
    private final Settings settings;
    private final Trace trace;
    private final LocalCloud cloud;
    private final TemplateDeployment deployment;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final HttpServer apiServer;
    private final URI apiEndpoint;
    private final long startedNanos = System.nanoTime();

    private LocalRun(ProjectDirectory project, Settings settings, Trace trace) {
        this.project = project;
        this.settings = settings;
        this.trace = trace;
        DeployedStack stack = new DeployedStack(CloudFormationTemplate.load(project.template()), settings.stackName(),
                settings.region(), settings.accountId(), settings.parameterOverrides());
        Path build = project.resolve(".aws-sam/build");
        List<String> refused = new java.util.ArrayList<>(stack.refusedParameters());
        refused.addAll(stack.refusedByRules());
        if (!refused.isEmpty()) {
            throw new IllegalStateException("template.yaml refuses these parameters (PARAMETER_OVERRIDES):\n  - "
                    + String.join("\n  - ", refused));
        }
        List<String> problems = new TemplateSupport(stack, build).problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The templates have what the local run cannot emulate:\n  - "
                    + String.join("\n  - ", problems));
        }
        // The API Gateway listens first: its address is part of what the stacks' outputs say.
        DeferredHandler gateway = new DeferredHandler();
        this.apiServer = HttpServers.start(settings.apiPort(), gateway);
        this.apiEndpoint = URI.create("http://localhost:" + apiServer.getAddress().getPort());
        LocalCloud started = null;
        try {
            started = LocalCloud.start(new LocalCloud.Settings(settings.endpointPort(), settings.region(), settings.accountId(),
                    settings.python(), project.resolve("tools/local-run/src/main/python/moto_server.py"),
                    project.localState().resolve("logs")), trace);
            this.cloud = started;
            CallerIdentities callers = new CallerIdentities(new Principal(settings.callerArn(), "AIDALOCALCALLER", "AKIALOCALCALLER"),
                    Optional.of(cloud.securityTokenService()));
            cloud.eventBridge().identifyCallersWith(accessKey -> busCallers(callers, accessKey));
            ManagedJavaRuntime runtime = ManagedJavaRuntime.current(project.localState().resolve("task"));
            this.deployment = new TemplateDeployment(stack, cloud, build, function -> new FunctionPool(function, runtime,
                    new FunctionLog(function.logicalId(), function.logging(),
                            project.localState().resolve("logs").resolve(function.logicalId() + ".log"), trace, settings.everyLogLine()),
                    trace, Math.min(settings.environmentsPerFunction(), function.reservedConcurrency().orElse(Integer.MAX_VALUE)),
                    cloud.faults()),
                    trace, settings.environmentsPerFunction(), apiEndpoint);
            deployment.deployAll();
            warmFunctions();
            startDelivery();
            LocalApiGateway apis = new LocalApiGateway(deployment.apiStages().stream().map(stage -> new RestApi(stage,
                    cloud.lambda()::invoke, callers, trace,
                    Optional.of(project.localState().resolve("logs").resolve(stage.logicalId() + "-access.log")))).toList());
            running.add(apis);
            gateway.serve(apis);
            writeOutputs();
            writeFunctionEnvironments();
        } catch (RuntimeException e) {
            closeStarted(started);
            throw e;
        }
    }

    /**
     * Who put events, as a bus's policy sees them: the holder of the key (a function signs as its
     * role's session), or, for the key the local Step Functions engine signs every workflow's calls
     * with, each workflow's role (a policy lets the call through where it lets one of them).
     */
    private List<String> busCallers(CallerIdentities callers, Optional<String> accessKey) {
        if (accessKey.filter(LocalCloud.STEP_FUNCTIONS_ACCESS_KEY::equals).isPresent()) {
            return this.deployment == null ? List.of() : this.deployment.stateMachineRoles();
        }
        return accessKey.isEmpty() ? List.of() : List.of(callers.of(accessKey).policyArn());
    }

    public static LocalRun start(ProjectDirectory project, Settings settings, Trace trace) {
        return new LocalRun(project, settings, trace);
    }

    /** Where the local API Gateway serves every API of the application (each under its stage). */
    public URI apiEndpoint() {
        return apiEndpoint;
    }

    public URI endpoint() {
        return cloud.endpoint();
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public TemplateDeployment deployment() {
        return deployment;
    }

    /** Starts every function's first execution environment, all at once, and waits for their init. */
    private void warmFunctions() {
        List<Thread> starting = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        deployment.functionRuntimes().values().forEach(runtime -> starting.add(Thread.ofVirtual().start(() -> {
            try {
                ((FunctionPool) runtime).warm();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        })));
        for (Thread thread : starting) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Functions failed to start: " + failures.stream().map(Throwable::getMessage).toList());
        }
    }

    private void startDelivery() {
        for (StreamPipe pipe : deployment.pipes()) {
            pipe.start();
            running.add(pipe);
        }
        for (SqsEventSourceMapping mapping : deployment.eventSourceMappings()) {
            mapping.start();
            running.add(mapping);
        }
        ExecutionTrace executions = new ExecutionTrace(cloud.stepFunctions(), deployment.stateMachines(), trace);
        executions.start();
        running.add(executions);
        QueueDepthAlarms alarms = new QueueDepthAlarms(deployment.alarms(), cloud.sqs(), trace);
        alarms.start();
        running.add(alarms);
    }

    /** {@code .local/outputs.json}: the template's outputs as {@code sam list stack-outputs --output json} prints them. */
    private void writeOutputs() {
        ArrayNode outputs = Json.array();
        deployment.outputs().forEach((name, output) -> outputs.addObject()
                .put("OutputKey", name).put("OutputValue", output.value()).put("Description", output.description()));
        outputs.addObject().put("OutputKey", "LocalAwsEndpointUrl").put("OutputValue", "http://localhost:" + cloud.endpoint().getPort())
                .put("Description", "Every AWS API of the local run (aws --endpoint-url ...); requests are routed by their SigV4 service");
        outputs.addObject().put("OutputKey", "LocalRegion").put("OutputValue", settings.region())
                .put("Description", "The region the local run answers as");
        write(project.localState().resolve("outputs.json"), Json.pretty(outputs));
    }

    /**
     * {@code .local/env-vars.json}: each function's environment here, and what Lambda gives every
     * function under {@code Parameters}, in the shape {@code sam local invoke --env-vars} reads.
     */
    private void writeFunctionEnvironments() {
        ObjectNode environments = Json.object();
        ObjectNode everyFunction = environments.putObject(EnvVarsFile.EVERY_FUNCTION);
        cloud.lambdaEnvironment().forEach(everyFunction::put);
        deployment.functions().forEach((logicalId, function) -> {
            ObjectNode variables = environments.putObject(logicalId);
            function.environment().forEach(variables::put);
        });
        write(project.localState().resolve("env-vars.json"), Json.pretty(environments));
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What runs and where: the banner {@code make run} prints before {@code ready}. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        cloud.implementations().forEach((service, implementation) -> lines.add(String.format(Locale.ROOT, "%-52s %s", service, implementation)));
        deployment.withoutLocalEffect().forEach((reason, resources) -> lines.add("no local effect: " + resources.size() + " x "
                + reason + (resources.size() <= 3 ? " (" + String.join(", ", resources) + ")" : "")));
        long total = 0;
        for (Map.Entry<String, com.example.local.lambda.FunctionRuntime> entry : deployment.functionRuntimes().entrySet()) {
            FunctionPool pool = (FunctionPool) entry.getValue();
            long memory = pool.residentMemoryMb();
            total += memory;
            lines.add(String.format(Locale.ROOT, "function %-28s %s  %4d MB resident (%d MB configured, %s)", entry.getKey(),
                    pool.function().handler(), memory, pool.function().memoryMb(), pool.function().snapStart() ? "SnapStart" : "on demand"));
        }
        lines.add(String.format(Locale.ROOT, "%d functions, %d MB resident in all; logs in %s", deployment.functionRuntimes().size(),
                total, project.localState().resolve("logs")));
        return lines;
    }

    public static void main(String[] arguments) {
        // ElasticMQ logs through java.util.logging; the trace says what matters.
        java.util.logging.LogManager.getLogManager().reset();
        ProjectDirectory project = ProjectDirectory.current();
        Trace trace = Trace.toTerminal(System.out);
        Settings settings = Settings.fromEnvironment(System.getenv(),
                Path.of(System.getProperty("local.python", ".venv/bin/python")));
        LocalRun run;
        try {
            run = start(project, settings, trace);
        } catch (RuntimeException e) {
            System.err.println("The local run did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            trace.print(Trace.Source.LOCAL, "stopping");
            run.close();
            stopped.countDown();
        }));
        trace.printAll(Trace.Source.LOCAL, run.summary());
        trace.print(Trace.Source.LOCAL, String.format(Locale.ROOT, "ready in %.1f s: API %s, AWS endpoint %s (outputs in %s); Ctrl-C stops",
                (System.nanoTime() - run.startedNanos) / 1e9, run.apiEndpoint(), "http://localhost:" + run.endpoint().getPort(),
                project.localState().resolve("outputs.json")));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closeStarted(cloud);
    }

    /** Stops what has started, in the reverse order: the API, delivery, then the cloud. */
    private void closeStarted(LocalCloud startedCloud) {
        if (apiServer != null) {
            apiServer.stop(0);
        }
        for (AutoCloseable component : running.reversed()) {
            try {
                component.close();
            } catch (Exception e) {
                trace.print(Trace.Source.LOCAL, "could not stop " + component + ": " + e.getMessage());
            }
        }
        if (startedCloud != null) {
            startedCloud.lambda().drainAsync(Duration.ofMillis(0));
            startedCloud.close();
        }
    }
}
