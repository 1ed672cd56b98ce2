package com.example.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;

/**
 * A public AWS sample's checkout, as {@code AWS_SAMPLE} names it: a SAM application of one Java
 * function built with Maven, measured beside ours from its own source (never copied into this
 * repository). Its sample event is the first JSON file by name in its {@code events/} directory
 * (where {@code sam init} puts them) or, failing that, in its function's test resources' {@code events/}.
 *
 * @param directory     the sample's directory, the one holding its {@code template.yaml}
 * @param functionId    the logical id of its one {@code AWS::Serverless::Function}
 * @param codeDirectory the function's {@code CodeUri}, a Maven project
 * @param event         the event its first and warm invocations get
 */
record AwsSample(Path directory, CloudFormationTemplate template, String functionId, Path codeDirectory, Path event) {

    static final String HOW_TO_INCLUDE = "make benchmark-coldstart AWS_SAMPLE=<the sample's directory> (docs/performance.md)";

    /** Reads the checkout, failing with what is missing when it is not a one-function Maven SAM application. */
    static AwsSample at(Path given) {
        Path directory = given.toAbsolutePath().normalize();
        Path templateFile = directory.resolve("template.yaml");
        if (!Files.isRegularFile(templateFile)) {
            throw new IllegalArgumentException("AWS_SAMPLE=" + given + " has no template.yaml: give the directory of the sample's "
                    + "SAM application, e.g. serverless-test-samples/java-test-samples/apigw-lambda-ddb");
        }
        CloudFormationTemplate template = CloudFormationTemplate.load(templateFile);
        List<Resource> functions = template.resourcesOfType("AWS::Serverless::Function");
        if (functions.size() != 1) {
            throw new IllegalArgumentException(templateFile + " has " + functions.size() + " functions "
                    + functions.stream().map(Resource::logicalId).toList() + ": the benchmark measures a sample of exactly one");
        }
        Resource function = functions.getFirst();
        Path code = directory.resolve(function.property("CodeUri").map(String::valueOf).orElseThrow(
                () -> new IllegalArgumentException(function.logicalId() + " in " + templateFile + " has no CodeUri"))).normalize();
        if (!Files.isRegularFile(code.resolve("pom.xml"))) {
            throw new IllegalArgumentException(function.logicalId() + "'s code (" + code + ") has no pom.xml: the benchmark builds "
                    + "the sample with its own Maven build");
        }
        return new AwsSample(directory, template, function.logicalId(), code, sampleEvent(directory, code));
    }

    private static Path sampleEvent(Path directory, Path code) {
        List<Path> places = List.of(directory.resolve("events"), code.resolve("src/test/resources/events"));
        return places.stream().flatMap(place -> firstJson(place).stream()).findFirst().orElseThrow(
                () -> new IllegalArgumentException("the sample has no event to invoke it with: no JSON file in " + places));
    }

    private static Optional<Path> firstJson(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit the checkout is at, when it is a git checkout: the figures are of that commit. */
    Optional<String> commit() {
        try {
            Process git = new ProcessBuilder("git", "-C", directory.toString(), "rev-parse", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean done = git.waitFor(30, TimeUnit.SECONDS);
            return done && git.exitValue() == 0 && !output.isEmpty() ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** What the report says it measured: the directory, the commit, the function and the event. */
    String source() {
        return directory.getFileName() + commit().map(commit -> " at commit " + commit.substring(0, 12)).orElse(" (not a git checkout)")
                + ", function " + functionId + ", event " + directory.relativize(event);
    }
}
