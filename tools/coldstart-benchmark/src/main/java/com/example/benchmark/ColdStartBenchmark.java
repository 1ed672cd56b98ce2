package com.example.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.example.local.AwsClientFactory;
import com.example.local.EnvVarsFile;
import com.example.local.ProjectDirectory;
import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.lambda.FunctionConfiguration;
import com.example.local.lambda.ManagedJavaRuntime;
import com.example.local.stack.FunctionDefinitions;
import com.example.local.stack.LayerVersions;

import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code make benchmark-coldstart}: every function of the application, and a bare handler as the
 * baseline, started cold {@code RUNS} times each under the local run's runtime, on demand and, for
 * SnapStart functions, primed (its CRaC {@code beforeCheckpoint} hooks run before the first request,
 * as before a snapshot: an approximation of the restored state, not of a restore). Each first
 * invocation gets the function's sample event from its service's folder of {@code events/}, against the running local
 * application ({@code make run}). With {@code AWS_SAMPLE}, a public AWS sample's function is built
 * from its checkout and measured the same way beside ours ({@link AwsSample}). Writes
 * {@code docs/performance/coldstart.md} and {@code coldstart.svg}; the figures are this machine's,
 * the ratios are what carries over.
 */
public final class ColdStartBenchmark {

    private ColdStartBenchmark() {
    }

    public static void main(String[] arguments) {
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "5"));
        int warm = Integer.parseInt(System.getenv().getOrDefault("WARM", "20"));
        ProjectDirectory project = ProjectDirectory.current();
        try {
            // Read first: a wrong AWS_SAMPLE fails before minutes of measuring.
            Optional<AwsSample> awsSample = Optional.ofNullable(System.getenv("AWS_SAMPLE")).filter(value -> !value.isBlank())
                    .map(Path::of).map(AwsSample::at);
            List<String> problems = run(project, runs, warm, awsSample);
            problems.forEach(problem -> System.err.println("benchmark-coldstart: " + problem));
            System.exit(problems.isEmpty() ? 0 : 1);
        } catch (RuntimeException e) {
            System.err.println("benchmark-coldstart: " + e.getMessage());
            System.exit(2);
        }
    }

    static List<String> run(ProjectDirectory project, int runs, int warm, Optional<AwsSample> awsSample) {
        Path work = project.resolve("tools/coldstart-benchmark/target/runs");
        ManagedJavaRuntime runtime = ManagedJavaRuntime.current(work.resolve("sandboxes"));
        EnvVarsFile environments = EnvVarsFile.ofLocalRun(project);
        if (!environments.exists()) {
            throw new IllegalStateException("no running local application (" + environments.file() + "): the benchmark invokes "
                    + "functions against it; start it with `make run`, or run `make benchmark-coldstart`, which does");
        }
        // Built first: a sample that does not build fails before minutes of measuring.
        Optional<BuiltSample> sample = awsSample.map(given -> build(project, given, work));
        String region = environments.everyFunction().getOrDefault("AWS_REGION", "us-east-1");
        DeployedStack application = new DeployedStack(CloudFormationTemplate.load(project.template()),
                System.getenv().getOrDefault("STACK_NAME", "serverless-orders-local"), region, "000000000000", Map.of());
        Path build = project.resolve(".aws-sam/build");
        LayerVersions layers = LayerVersions.ofApplication(application, build);
        ColdStarts coldStarts = new ColdStarts(runtime, work, runs, warm);

        FunctionConfiguration bare = BareFunction.build(work.resolve("bare"), runtime.runtimeDirectory(), 1024, region);
        System.err.println("baseline: " + bare.handler());
        List<ColdStarts.Subject> subjects = new ArrayList<>();
        subjects.add(new ColdStarts.Subject(bare, FunctionResult.Variant.ON_DEMAND, BareFunction.EVENT, size(bare.codeDirectory())));
        for (DeployedStack stack : application.withNestedStacks()) {
            FunctionDefinitions definitions = new FunctionDefinitions(stack, build, layers);
            for (Resource resource : stack.template().resourcesOfType("AWS::Serverless::Function")) {
                String id = stack.qualified(resource.logicalId());
                FunctionConfiguration function = definitions.configuration(resource.logicalId(), Map.of(),
                        Optional.of(environments.variables(id)));
                byte[] event = read(sampleEvent(project, stack, resource.logicalId()));
                long artifact = size(project.buildArtifact(id));
                subjects.add(new ColdStarts.Subject(function, FunctionResult.Variant.ON_DEMAND, event, artifact));
                if (function.snapStart()) {
                    subjects.add(new ColdStarts.Subject(function, FunctionResult.Variant.PRIMED, event, artifact));
                }
            }
        }
        Optional<SampleSubject> sampleSubject = sample.map(built -> sampleSubject(built, environments, runtime));
        sampleSubject.ifPresent(given -> subjects.add(given.subject()));
        List<FunctionResult> measured = coldStarts.measure(subjects);
        FunctionResult baseline = measured.getFirst();
        List<FunctionResult> results = measured.subList(1, measured.size() - (sampleSubject.isPresent() ? 1 : 0));
        AwsSampleOutcome sampleOutcome = sampleSubject.<AwsSampleOutcome>map(given -> new AwsSampleOutcome.Measured(
                measured.getLast(), given.built().sample().source(), given.built().build().overrides()))
                .orElseGet(AwsSampleOutcome.Skipped::new);
        if (sampleOutcome instanceof AwsSampleOutcome.Skipped skipped) {
            System.err.println(skipped.line());
        }
        ColdStartReport report = new ColdStartReport(baseline, results, sampleOutcome, machine());
        write(project.resolve("docs/performance/coldstart.md"), "<!-- written by make benchmark-coldstart on "
                + LocalDate.now() + "; do not edit -->\n\n" + report.markdown());
        write(project.resolve("docs/performance/coldstart.svg"), report.svg());
        System.out.print(report.markdown());
        // A failing baseline makes the ratios meaningless, a failing sample the comparison; ours are marked in the table.
        List<String> problems = new ArrayList<>(baseline.problem().stream().toList());
        if (sampleOutcome instanceof AwsSampleOutcome.Measured measuredSample) {
            measuredSample.result().problem().ifPresent(problem -> problems.add("AWS sample: " + problem
                    + ": its figures measure its error path (its log: tools/coldstart-benchmark/target/runs/logs)"));
        }
        return problems;
    }

    /** The sample's checkout and its deployment layout, built with its own Maven build. */
    private record BuiltSample(AwsSample sample, AwsSampleBuild.Built build) {
    }

    private static BuiltSample build(ProjectDirectory project, AwsSample sample, Path work) {
        Path workDirectory = work.resolve("aws-sample");
        System.err.println("AWS sample: building " + sample.codeDirectory() + " with its Maven build (log: "
                + workDirectory.resolve("maven.log") + ")");
        AwsSampleBuild.Built built = new AwsSampleBuild(project.resolve("mvnw"), Path.of(System.getProperty("java.home")), workDirectory)
                .build(sample, VersionInfo.SDK_VERSION);
        built.overrides().forEach(override -> System.err.println("AWS sample: built with " + override + " ("
                + SdkVersionOverrides.REASON + ")"));
        return new BuiltSample(sample, built);
    }

    /** The sample, and its function as a subject measured on demand, as ours are. */
    private record SampleSubject(BuiltSample built, ColdStarts.Subject subject) {
    }

    /** Its tables created on the local run, and its function configured the way its template declares it. */
    private static SampleSubject sampleSubject(BuiltSample built, EnvVarsFile environments, ManagedJavaRuntime runtime) {
        Map<String, String> lambdaEnvironment = environments.everyFunction();
        String region = lambdaEnvironment.getOrDefault("AWS_REGION", "us-east-1");
        AwsSampleDeployment deployment = new AwsSampleDeployment(built.sample(), region);
        URI endpoint = Optional.ofNullable(lambdaEnvironment.get("AWS_ENDPOINT_URL")).map(URI::create).orElseThrow(
                () -> new IllegalStateException(environments.file() + " names no AWS_ENDPOINT_URL for every function"));
        try (DynamoDbClient dynamoDb = new AwsClientFactory(region).client(DynamoDbClient.builder(), endpoint)) {
            deployment.createTables(dynamoDb);
        }
        FunctionConfiguration function = deployment.function(built.build().buildDirectory(), lambdaEnvironment, runtime.runtimeName());
        System.err.println("measuring the AWS sample beside ours: " + built.sample().source());
        return new SampleSubject(built, new ColdStarts.Subject(function, FunctionResult.Variant.ON_DEMAND,
                read(built.sample().event()), size(function.codeDirectory())));
    }

    /** A function's sample event: in its service's folder of events/ ({@code events/orders-service/place-order.json}). */
    static Path sampleEvent(ProjectDirectory project, DeployedStack stack, String logicalId) {
        return project.resolve("events").resolve(stack.template().directory().getFileName().toString())
                .resolve(sampleEventName(logicalId) + ".json");
    }

    /** {@code PlaceOrderFromQueueFunction} samples are named {@code place-order-from-queue.json}. */
    static String sampleEventName(String logicalId) {
        String name = logicalId.endsWith("Function") ? logicalId.substring(0, logicalId.length() - "Function".length()) : logicalId;
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", JDK " + Runtime.version() + ", " + LocalDate.now();
    }

    static long size(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
