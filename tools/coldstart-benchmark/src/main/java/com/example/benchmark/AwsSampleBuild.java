package com.example.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.example.benchmark.SdkVersionOverrides.VersionOverride;

/**
 * Builds the AWS sample from its source the way {@code sam build} builds a Maven function (the
 * Java Maven workflow of aws-lambda-builders): in a copy of its code, its own {@code pom.xml} and
 * plugins, then the deployment layout Lambda gets, {@code target/classes} at the root and the
 * runtime dependencies in {@code lib/}. Its tests are not run: they are the sample's business, and
 * its Mockito (4.8) cannot instrument classes on JDK 25. The only change to its build is
 * {@link SdkVersionOverrides}'s.
 */
final class AwsSampleBuild {

    private static final Set<String> NOT_COPIED = Set.of("target", ".aws-sam", ".git");

    private final Path mavenWrapper;
    private final Path javaHome;
    private final Path workDirectory;

    /**
     * @param mavenWrapper  this project's {@code mvnw}: the sample has no wrapper of its own
     * @param javaHome      the JDK the sample is compiled with, the one its function then runs on
     * @param workDirectory where the copy, its build log and the deployment layout go (rebuilt each run)
     */
    AwsSampleBuild(Path mavenWrapper, Path javaHome, Path workDirectory) {
        this.mavenWrapper = mavenWrapper;
        this.javaHome = javaHome;
        this.workDirectory = workDirectory;
    }

    /**
     * The built sample.
     *
     * @param buildDirectory where the function's artifact is, under its logical id, as {@code sam build} lays it out
     * @param overrides      what its build used instead of what it declares
     */
    record Built(Path buildDirectory, List<VersionOverride> overrides) {

        Built {
            overrides = List.copyOf(overrides);
        }
    }

    Built build(AwsSample sample, String sdkVersion) {
        try {
            recreate(workDirectory);
            Path source = workDirectory.resolve("source");
            copy(sample.codeDirectory(), source);
            Path pom = source.resolve("pom.xml");
            SdkVersionOverrides.Overridden overridden = SdkVersionOverrides.apply(Files.readString(pom), sdkVersion);
            Files.writeString(pom, overridden.pom());
            runMaven(mavenCommand(pom, overridden.properties()), workDirectory.resolve("maven.log"));
            Path buildDirectory = workDirectory.resolve("build");
            Path artifact = buildDirectory.resolve(sample.functionId());
            copy(source.resolve("target/classes"), artifact);
            copy(source.resolve("target/dependency"), artifact.resolve("lib"));
            return new Built(buildDirectory, overridden.overrides());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the AWS sample in " + workDirectory, e);
        }
    }

    /** One Maven run: the sample's lifecycle to {@code package}, then its runtime dependencies copied as {@code sam build} copies them. */
    List<String> mavenCommand(Path pom, Map<String, String> properties) {
        List<String> command = new ArrayList<>(List.of(mavenWrapper.toString(), "-B", "-f", pom.toString(),
                "clean", "package", "dependency:copy-dependencies",
                "-DskipTests", "-DincludeScope=runtime", "-Dmdep.prependGroupId=true"));
        properties.forEach((property, value) -> command.add("-D" + property + "=" + value));
        return command;
    }

    private void runMaven(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        Process maven = builder.start();
        try {
            if (!maven.waitFor(20, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new IllegalStateException("the AWS sample's Maven build took over 20 minutes; its log: " + log);
            }
        } catch (InterruptedException e) {
            maven.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the AWS sample", e);
        }
        if (maven.exitValue() != 0) {
            throw new IllegalStateException("the AWS sample's Maven build failed (exit " + maven.exitValue() + "); its log: " + log);
        }
    }

    private static void recreate(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> old = Files.walk(directory)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
    }

    /** A directory's files, but for build output and version control, as {@code sam build} copies a function's code. */
    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException("the AWS sample's build produced no " + from);
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.getNameCount() > 0 && NOT_COPIED.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
