package com.example.reliability;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one load run is given, passed from the run to the Gatling JVM as system properties.
 *
 * @param outputs      the stack's outputs file
 * @param runDirectory where the plan and the ledger are written
 * @param drill        the drill whose faults the run injects
 * @param partnerLines lines of the partner file dropped during the run (0: none)
 * @param rampSeconds  how long the ramp of order placements lasts
 */
public record RunSettings(Path outputs, Path runDirectory, Drill drill, int partnerLines, int rampSeconds) {

    private static final String PREFIX = "reliability.";

    public Path planFile() {
        return runDirectory.resolve("plan.json");
    }

    public Path ledgerFile() {
        return runDirectory.resolve("ledger.jsonl");
    }

    public Duration ramp() {
        return Duration.ofSeconds(rampSeconds);
    }

    /** The settings as {@code -D} arguments of the Gatling JVM. */
    public java.util.List<String> asSystemProperties() {
        return java.util.List.of("-D" + PREFIX + "outputs=" + outputs.toAbsolutePath(),
                "-D" + PREFIX + "runDirectory=" + runDirectory.toAbsolutePath(),
                "-D" + PREFIX + "drill=" + drill.name(),
                "-D" + PREFIX + "partnerLines=" + partnerLines,
                "-D" + PREFIX + "rampSeconds=" + rampSeconds);
    }

    public static RunSettings fromSystemProperties() {
        return new RunSettings(Path.of(required("outputs")), Path.of(required("runDirectory")), Drill.valueOf(required("drill")),
                Integer.parseInt(required("partnerLines")), Integer.parseInt(required("rampSeconds")));
    }

    private static String required(String name) {
        String value = System.getProperty(PREFIX + name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The simulation is started by make load or make drills, which set -D" + PREFIX + name);
        }
        return value;
    }
}
