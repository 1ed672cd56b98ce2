package com.example.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.example.local.EnvVarsFile;
import com.example.local.ProjectDirectory;
import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.lambda.FunctionConfiguration;
import com.example.local.lambda.ManagedJavaRuntime;
import com.example.local.stack.FunctionDefinitions;

/**
 * {@code make benchmark-coldstart}: every function of the template, and a bare handler as the
 * baseline, started cold {@code RUNS} times each under the local run's runtime, on demand and, for
 * SnapStart functions, primed (its CRaC {@code beforeCheckpoint} hooks run before the first request,
 * as before a snapshot: an approximation of the restored state, not of a restore). Each first
 * invocation gets the function's sample event from {@code events/}, against the running local
 * application ({@code make run}). Writes {@code docs/performance/coldstart.md} and
 * {@code coldstart.svg}; the figures are this machine's, the ratios are what carries over.
 */
public final class ColdStartBenchmark {

    private ColdStartBenchmark() {
    }

    public static void main(String[] arguments) {
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "5"));
        int warm = Integer.parseInt(System.getenv().getOrDefault("WARM", "20"));
        ProjectDirectory project = ProjectDirectory.current();
        try {
            List<String> problems = run(project, runs, warm);
            problems.forEach(problem -> System.err.println("benchmark-coldstart: " + problem));
            System.exit(problems.isEmpty() ? 0 : 1);
        } catch (RuntimeException e) {
            System.err.println("benchmark-coldstart: " + e.getMessage());
            System.exit(2);
        }
    }

    static List<String> run(ProjectDirectory project, int runs, int warm) {
        Path work = project.resolve("coldstart-benchmark/target/runs");
        ManagedJavaRuntime runtime = ManagedJavaRuntime.current(work.resolve("sandboxes"));
        EnvVarsFile environments = EnvVarsFile.ofLocalRun(project);
        if (!environments.exists()) {
            throw new IllegalStateException("no running local application (" + environments.file() + "): the benchmark invokes "
                    + "functions against it; start it with `make run`, or run `make benchmark-coldstart`, which does");
        }
        CloudFormationTemplate template = CloudFormationTemplate.load(project.template());
        List<Resource> functions = template.resourcesOfType("AWS::Serverless::Function");
        String region = environments.variables(functions.getFirst().logicalId()).getOrDefault("AWS_REGION", "us-east-1");
        DeployedStack stack = new DeployedStack(template, System.getenv().getOrDefault("STACK_NAME", "serverless-orders-local"),
                region, "000000000000", Map.of());
        FunctionDefinitions definitions = new FunctionDefinitions(stack, project.resolve(".aws-sam/build"));
        ColdStarts coldStarts = new ColdStarts(runtime, work, runs, warm);

        FunctionConfiguration bare = BareFunction.build(work.resolve("bare"), runtime.runtimeDirectory(), 1024, stack.region());
        System.err.println("baseline: " + bare.handler());
        FunctionResult baseline = coldStarts.measure(bare, FunctionResult.Variant.ON_DEMAND, BareFunction.EVENT,
                size(bare.codeDirectory()));
        List<FunctionResult> results = new ArrayList<>();
        for (Resource resource : functions) {
            String id = resource.logicalId();
            FunctionConfiguration function = definitions.configuration(id, Map.of(), Optional.of(environments.variables(id)));
            byte[] event = read(project.resolve("events/" + sampleEventName(id) + ".json"));
            long artifact = size(project.buildArtifact(id));
            System.err.println("measuring " + id);
            results.add(coldStarts.measure(function, FunctionResult.Variant.ON_DEMAND, event, artifact));
            if (function.snapStart()) {
                results.add(coldStarts.measure(function, FunctionResult.Variant.PRIMED, event, artifact));
            }
        }
        ColdStartReport report = new ColdStartReport(baseline, results, machine());
        write(project.resolve("docs/performance/coldstart.md"), "<!-- written by make benchmark-coldstart on "
                + LocalDate.now() + "; do not edit -->\n\n" + report.markdown());
        write(project.resolve("docs/performance/coldstart.svg"), report.svg());
        System.out.print(report.markdown());
        // Only a baseline that fails makes the ratios meaningless; a function's error path is marked in the table.
        return baseline.problem().stream().toList();
    }

    /** {@code PlaceOrderFromQueueFunction} samples live in {@code events/place-order-from-queue.json}. */
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
