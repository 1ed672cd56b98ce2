package com.example.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.local.Json;
import com.example.local.lambda.ClassLoadLog;
import com.example.local.lambda.FunctionConfiguration;
import com.example.local.lambda.FunctionLog;
import com.example.local.lambda.FunctionPool;
import com.example.local.lambda.Invocation;
import com.example.local.lambda.InvocationResult;
import com.example.local.lambda.LambdaService;
import com.example.local.lambda.ManagedJavaRuntime;
import com.example.local.trace.Trace;

/**
 * Cold starts of one function, each in a fresh execution environment of the local run's runtime
 * (a JVM under the Lambda runtime interface client, the managed runtime's flags): the first
 * invocation, then warm ones in the same environment; subjects take turns, round after round. Classes are counted in a run of their own,
 * because logging them slows the init it would measure.
 */
final class ColdStarts {

    private final ManagedJavaRuntime runtime;
    private final Path workDirectory;
    private final int runs;
    private final int warmInvocations;

    ColdStarts(ManagedJavaRuntime runtime, Path workDirectory, int runs, int warmInvocations) {
        this.runtime = runtime;
        this.workDirectory = workDirectory;
        this.runs = runs;
        this.warmInvocations = warmInvocations;
    }

    /** One environment to measure: a function, how it starts, the event it gets and the size of what it ships. */
    record Subject(FunctionConfiguration function, FunctionResult.Variant variant, byte[] event, long artifactBytes) {

        FunctionConfiguration configured() {
            return function.withSnapStart(variant == FunctionResult.Variant.PRIMED);
        }
    }

    /**
     * Every subject's cold starts, in rounds: each round starts one environment of every subject in
     * turn, so a machine that slows down or speeds up during the run weighs on every subject alike,
     * the bare handler the ratios divide by included. The results come in the order of the subjects.
     */
    List<FunctionResult> measure(List<Subject> subjects) {
        List<List<Measurement>> measurements = subjects.stream().map(subject -> (List<Measurement>) new ArrayList<Measurement>())
                .toList();
        for (int run = 0; run < runs; run++) {
            System.err.println("round " + (run + 1) + " of " + runs);
            for (int i = 0; i < subjects.size(); i++) {
                Subject subject = subjects.get(i);
                measurements.get(i).add(coldStart(subject.configured(), subject.event(), subject.variant() + "-" + run));
            }
        }
        List<FunctionResult> results = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            Subject subject = subjects.get(i);
            results.add(new FunctionResult(subject.function().logicalId(), subject.variant(), measurements.get(i),
                    classesAtFirstAnswer(subject.configured(), subject.event(), subject.variant()), subject.artifactBytes()));
        }
        return results;
    }

    private Measurement coldStart(FunctionConfiguration function, byte[] event, String label) {
        try (Environment pool = pool(function, label)) {
            InvocationResult first = pool.invoke(invocation(function, event));
            boolean answered = succeeded(first);
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < warmInvocations; i++) {
                InvocationResult next = pool.invoke(invocation(function, event));
                answered &= succeeded(next);
                warm.add(next.report().durationMs());
            }
            return new Measurement(first.report().initDurationMs().orElse(Double.NaN), first.report().durationMs(), warm,
                    first.report().maxMemoryUsedMb(), answered);
        }
    }

    /**
     * Whether an invocation took the path the figures are meant to measure: the function answered,
     * and not with an API Gateway proxy response of a server error (a handler that catches every
     * exception, as the AWS sample's does, answers its failures as a 500).
     */
    static boolean succeeded(InvocationResult result) {
        return result instanceof InvocationResult.Answered answered && !serverError(answered.payload());
    }

    private static boolean serverError(byte[] payload) {
        try {
            return Json.parse(payload).path("statusCode").asInt(0) >= 500;
        } catch (IllegalArgumentException notJson) {
            return false;
        }
    }

    /** Classes the JVM had loaded when the function's init ended and when its first answer came back. */
    private ClassesByPurpose classesAtFirstAnswer(FunctionConfiguration function, byte[] event, FunctionResult.Variant variant) {
        ClassLoadLog classLog = new ClassLoadLog(workDirectory.resolve("classes-" + function.logicalId() + "-" + variant + ".log"));
        FunctionConfiguration logged = classLog.applyTo(function);
        try (Environment pool = pool(logged, variant + "-classes")) {
            InvocationResult first = pool.invoke(invocation(logged, event));
            return ClassesByPurpose.read(classLog.file(), first.report().initDurationMs().orElseThrow(
                    () -> new IllegalStateException(function.logicalId() + ": the first invocation reported no init duration")));
        }
    }

    /** One execution environment at a time, and the log stream it writes. */
    private record Environment(FunctionLog log, FunctionPool pool) implements AutoCloseable {

        InvocationResult invoke(Invocation invocation) {
            return pool.invoke(invocation);
        }

        @Override
        public void close() {
            pool.close();
            log.close();
        }
    }

    private Environment pool(FunctionConfiguration function, String label) {
        Path logFile = workDirectory.resolve("logs/" + function.logicalId() + "-" + label + ".log");
        FunctionLog log = new FunctionLog(function.logicalId(), function.logging(), logFile, Trace.discarding(), false);
        return new Environment(log, new FunctionPool(function, runtime, log, Trace.discarding(), 1));
    }

    private static Invocation invocation(FunctionConfiguration function, byte[] event) {
        return Invocation.of(event, function.timeout(), function.arn(), LambdaService.traceHeader());
    }
}
