package com.example.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the simulation in a JVM of its own: Gatling's launcher ends its JVM when the run ends, and
 * the run still has to settle and reconcile. Its report (HTML, with Gatling's charts) goes under
 * {@code target/gatling/}.
 */
final class GatlingLauncher {

    private GatlingLauncher() {
    }

    /** Runs the load; answers Gatling's exit status and where its report is. */
    static int run(RunSettings settings, Path resultsFolder, boolean local) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // The JVM options Gatling's own launchers give it (it reads String internals, loads Netty's native transport).
        command.addAll(List.of("-Xmx1g", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-Dgatling.data.enableAnalytics=false"));
        if (local) {
            // Against the local run nothing leaves the machine: Gatling's daily look for a newer release on Maven Central
            // (HTTPS, not switchable in 3.14) meets a closed loopback port instead; every call of the load is plain HTTP.
            command.addAll(List.of("-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9"));
        }
        command.addAll(settings.asSystemProperties());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gatling.app.Gatling",
                "--simulation", OrderPlacementSimulation.class.getName(),
                "--results-folder", resultsFolder.toAbsolutePath().toString(),
                "--run-description", settings.drill().drillName() + " " + settings.runDirectory().getFileName()));
        try {
            Process gatling = new ProcessBuilder(command).inheritIO().start();
            return gatling.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Gatling", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Gatling ran", e);
        }
    }
}
