package com.example.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes an environment loaded by its first answer, by {@link ClassPurpose}, split at the end of
 * its init: read from the JVM's class log, whose lines carry the JVM's uptime, against the init
 * duration the runtime reported (the JVM is idle, waiting for its first event, at that boundary).
 */
record ClassesByPurpose(Map<ClassPurpose, Integer> atInit, Map<ClassPurpose, Integer> inFirstInvocation) {

    private static final Pattern LOAD = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s].*\\[class,load] (\\S+) ");

    ClassesByPurpose {
        atInit = Map.copyOf(atInit);
        inFirstInvocation = Map.copyOf(inFirstInvocation);
    }

    static ClassesByPurpose read(Path classLog, double initMs) {
        Map<ClassPurpose, Integer> atInit = new EnumMap<>(ClassPurpose.class);
        Map<ClassPurpose, Integer> later = new EnumMap<>(ClassPurpose.class);
        try (Stream<String> lines = Files.lines(classLog)) {
            lines.forEach(line -> {
                Matcher load = LOAD.matcher(line);
                if (load.find()) {
                    boolean duringInit = Double.parseDouble(load.group(1)) * 1000 <= initMs;
                    (duringInit ? atInit : later).merge(ClassPurpose.of(load.group(2)), 1, Integer::sum);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class log " + classLog, e);
        }
        return new ClassesByPurpose(atInit, later);
    }

    int atInit(ClassPurpose purpose) {
        return atInit.getOrDefault(purpose, 0);
    }

    int inFirstInvocation(ClassPurpose purpose) {
        return inFirstInvocation.getOrDefault(purpose, 0);
    }

    int byFirstAnswer(ClassPurpose purpose) {
        return atInit(purpose) + inFirstInvocation(purpose);
    }

    int totalAtInit() {
        return atInit.values().stream().mapToInt(Integer::intValue).sum();
    }

    int totalInFirstInvocation() {
        return inFirstInvocation.values().stream().mapToInt(Integer::intValue).sum();
    }

    int totalByFirstAnswer() {
        return totalAtInit() + totalInFirstInvocation();
    }
}
