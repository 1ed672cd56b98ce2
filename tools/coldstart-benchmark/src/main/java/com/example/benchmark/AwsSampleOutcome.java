package com.example.benchmark;

import java.util.List;

import com.example.benchmark.SdkVersionOverrides.VersionOverride;

/** The public AWS sample measured beside our functions, or the run without it. */
sealed interface AwsSampleOutcome {

    /**
     * @param result    its cold starts, measured as ours are
     * @param source    which checkout, commit, function and event
     * @param overrides what its build used instead of what it declares
     */
    record Measured(FunctionResult result, String source, List<VersionOverride> overrides) implements AwsSampleOutcome {

        public Measured {
            overrides = List.copyOf(overrides);
        }
    }

    /** No {@code AWS_SAMPLE} was given. */
    record Skipped() implements AwsSampleOutcome {

        String line() {
            return "AWS sample skipped; to measure it beside ours: " + AwsSample.HOW_TO_INCLUDE;
        }
    }
}
