package com.example.benchmark;

import java.util.List;

/**
 * What a loaded class is there for, read from its name (a generated lambda class is named after the
 * class that declared it): the practices a function pays for at init, each its own row of the report.
 */
enum ClassPurpose {
    JDK("the JDK", "java.", "javax.", "jdk.", "sun.", "com.sun."),
    RUNTIME("Lambda runtime client and event types", "com.amazonaws.services.lambda.", "com.amazonaws.lambda.", "org.crac."),
    LOGGING("structured logging (Log4j 2, SLF4J, Powertools logging)", "org.apache.logging.", "org.slf4j.",
            "software.amazon.lambda.powertools.logging."),
    METRICS("metrics (Powertools, embedded metric format)", "software.amazon.lambda.powertools.metrics.",
            "software.amazon.cloudwatchlogs.", "org.apache.commons.lang3.", "org.javatuples."),
    TRACING("tracing (X-Ray)", "com.amazonaws.xray.", "org.apache.commons.logging."),
    VALIDATION("validation (JSON Schema)", "com.networknt.", "com.ethlo."),
    PARAMETERS("parameters and secrets (Powertools)", "software.amazon.lambda.powertools.parameters."),
    JACKSON("JSON (Jackson)", "com.fasterxml.jackson."),
    AWS_SDK("AWS SDK", "software.amazon.awssdk.", "software.amazon.eventstream.", "org.reactivestreams.", "com.amazonaws."),
    CODE("the function's own code", "com.example."),
    OTHER("other libraries");

    private final String label;
    private final List<String> packagePrefixes;

    ClassPurpose(String label, String... packagePrefixes) {
        this.label = label;
        this.packagePrefixes = List.of(packagePrefixes);
    }

    String label() {
        return label;
    }

    /** The first purpose whose packages hold the class; X-Ray's and Lambda's own {@code com.amazonaws} come before the SDK's. */
    static ClassPurpose of(String className) {
        for (ClassPurpose purpose : values()) {
            if (purpose.packagePrefixes.stream().anyMatch(className::startsWith)) {
                return purpose;
            }
        }
        return OTHER;
    }
}
