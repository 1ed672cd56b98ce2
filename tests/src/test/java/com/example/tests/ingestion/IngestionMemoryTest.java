package com.example.tests.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A 100,000-line file (about 15 MB) ingested in a JVM whose heap is capped at 96 MB (the
 * {@code flat-memory} execution in tests/pom.xml): reading it whole would not fit beside the test's
 * own libraries, so finishing at all shows the file is streamed. The time is printed, not asserted;
 * `make benchmark` measures it properly.
 */
class IngestionMemoryTest {

    @Test
    void aHundredThousandLineFileIsIngestedWithinASmallHeap() {
        assertThat(Runtime.getRuntime().maxMemory()).as("run by the flat-memory execution, with its heap bound")
                .isLessThanOrEqualTo(100L * 1024 * 1024);

        LargeFileIngestion.Result result = LargeFileIngestion.run(100_000);

        System.out.println("IngestionMemoryTest: " + result.describe());
        assertThat(result.summary().at("/summary/linesRead").asInt()).isEqualTo(100_000);
        assertThat(result.summary().at("/summary/rejected").asInt()).isEqualTo(1_000);
        assertThat(result.summary().at("/summary/submitted").asInt()).isEqualTo(99_000);
        assertThat(result.acceptedEvents()).as("every submitted line reached the bus").isEqualTo(99_000);
    }
}
