package com.example.benchmark;

import java.util.List;
import java.util.Optional;

/**
 * Every cold start of one function in one variant (on demand, or primed as before a SnapStart
 * snapshot), with what does not vary between runs: the classes loaded by init and by the first answer,
 * and the size of the artifact.
 */
public record FunctionResult(String function, Variant variant, List<Measurement> runs, ClassesByPurpose classes,
                             long artifactBytes) {

    /** How the environment was initialised before its first request. */
    public enum Variant {
        ON_DEMAND("on demand"),
        PRIMED("primed");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public FunctionResult {
        runs = List.copyOf(runs);
    }

    public int classesAtFirstAnswer() {
        return classes.totalByFirstAnswer();
    }

    public double initMs() {
        return Measurement.median(runs.stream().map(Measurement::initMs).toList());
    }

    public double firstInvocationMs() {
        return Measurement.median(runs.stream().map(Measurement::firstInvocationMs).toList());
    }

    public double warmP50Ms() {
        return Measurement.percentile(allWarm(), 50);
    }

    public double warmP99Ms() {
        return Measurement.percentile(allWarm(), 99);
    }

    public long residentMb() {
        return (long) Measurement.median(runs.stream().map(run -> (double) run.residentMb()).toList());
    }

    /** Whether every invocation answered (a failing sample would measure an error path, not the function). */
    public boolean allAnswered() {
        return runs.stream().allMatch(Measurement::answered);
    }

    public Optional<String> problem() {
        return allAnswered() ? Optional.empty() : Optional.of(function + " (" + variant.label() + ") did not answer every invocation");
    }

    private List<Double> allWarm() {
        return runs.stream().flatMap(run -> run.warmMs().stream()).toList();
    }
}
