package com.example.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The partner file a run drops into the bucket while the load runs: {@code lines} lines, every
 * {@value #BAD_LINE_EVERY}th one bad (alternately not JSON, and an order without lines), each good line
 * an order of a customer of its own, so the reconciler can tell every line's fate.
 */
public record PartnerDrop(String runId, int lines) {

    static final int BAD_LINE_EVERY = 25;

    public PartnerDrop {
        if (lines < 0) {
            throw new IllegalArgumentException("A partner file has 0 or more lines, not " + lines);
        }
    }

    public String partnerId() {
        return "load-" + runId;
    }

    public String key() {
        return "incoming/" + partnerId() + "/orders.jsonl";
    }

    /** Where IngestFile writes its report of the file. */
    public String reportPrefix() {
        return "reports/" + partnerId() + "/";
    }

    /** The customer of a line (from 1), as its order names it. */
    public String customerOf(int line) {
        return "load-" + runId + "-p" + line;
    }

    public String customerPrefix() {
        return "load-" + runId + "-p";
    }

    public static boolean isBad(int line) {
        return line % BAD_LINE_EVERY == 0;
    }

    /** The numbers (from 1) of the lines IngestFile must report as rejected. */
    public List<Integer> badLines() {
        return IntStream.rangeClosed(1, lines).filter(PartnerDrop::isBad).boxed().toList();
    }

    public int goodLines() {
        return lines - badLines().size();
    }

    String line(int number) {
        if (isBad(number)) {
            return (number / BAD_LINE_EVERY) % 2 == 1 ? "line " + number + " is not JSON"
                    : "{\"partnerOrderRef\":\"ref-" + number + "\",\"customerId\":\"" + customerOf(number) + "\",\"currency\":\"EUR\",\"lines\":[]}";
        }
        return "{\"partnerOrderRef\":\"ref-" + number + "\",\"customerId\":\"" + customerOf(number)
                + "\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"LOAD-PEN\",\"quantity\":1,\"unitPrice\":\"2.50\"}]}";
    }

    /** Puts the file into the partner bucket, which starts its ingestion. */
    public void upload(S3Client s3, String bucket) {
        StringBuilder text = new StringBuilder(lines * 160);
        for (int number = 1; number <= lines; number++) {
            text.append(line(number)).append('\n');
        }
        s3.putObject(builder -> builder.bucket(bucket).key(key()), RequestBody.fromBytes(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
