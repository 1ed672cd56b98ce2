package com.example.tests.benchmarks;

import com.example.tests.ingestion.LargeFileIngestion;

/**
 * Reports how fast partner files are ingested and how much heap it takes, for files of growing
 * size: a benchmark, not a test (it asserts nothing). Run with `make benchmark`. The figures include
 * moto's S3 on loopback and a local EventBridge sink, so they bound the function's own cost from
 * above, not what it costs in AWS.
 */
public final class IngestionBenchmark {

    private IngestionBenchmark() {
    }

    public static void main(String[] args) {
        // Exit either way: the local servers' threads would otherwise keep exec:java waiting.
        try {
            LargeFileIngestion.run(10_000); // warm-up: class loading, JIT, connections
            for (int lines : new int[] {100_000, 1_000_000}) {
                System.out.println("IngestionBenchmark: " + LargeFileIngestion.run(lines).describe());
            }
        } catch (RuntimeException failed) {
            failed.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
