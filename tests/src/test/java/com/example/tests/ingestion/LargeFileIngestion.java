package com.example.tests.ingestion;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.example.ingestion.files.IngestFileHandler;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.json.Json;
import com.example.tests.lambda.TestLambdaContext;
import com.example.tests.local.FaultyEventBridge;
import com.example.tests.local.LocalImplementations;
import com.example.tests.s3.ObjectCreatedEvents;
import com.example.tests.template.TestStack;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.core.sync.RequestBody;

/**
 * One ingestion of a generated partner file of many lines (one in a hundred invalid), on moto's S3
 * and Parameter Store, publishing to a local EventBridge sink that counts what it accepts. What it
 * measures is reported, never asserted as a time: the memory test holds it to a heap bound, the
 * benchmark prints its figures.
 */
public final class LargeFileIngestion {

    /** What one run did and cost. */
    public record Result(int lines, JsonNode summary, long acceptedEvents, Duration elapsed, long peakHeapBytes, long fileBytes) {

        public String describe() {
            return "%,d lines (%,d bytes): %s in %.1f s, %,.0f lines/s, peak heap %.1f MB of %.0f MB, %,d events accepted"
                    .formatted(lines, fileBytes, summary.get("summary"), elapsed.toMillis() / 1000.0,
                            lines / Math.max(0.001, elapsed.toMillis() / 1000.0), peakHeapBytes / 1048576.0,
                            Runtime.getRuntime().maxMemory() / 1048576.0, acceptedEvents);
        }
    }

    private LargeFileIngestion() {
    }

    public static Result run(int lines) {
        TestStack stack = TestStack.deploy(LocalImplementations.moto(), "AcceptedCurrenciesParameter", "EventBus",
                "PartnerBucket");
        Path file = generate(lines);
        String key = "incoming/bulk-partner/" + lines + "-lines.jsonl";
        try (FaultyEventBridge sink = FaultyEventBridge.sink(); var s3 = stack.clients().s3()) {
            String versionId = s3.putObject(builder -> builder.bucket(stack.ref("PartnerBucket")).key(key),
                    RequestBody.fromFile(file)).versionId();
            Map<String, String> variables = new HashMap<>(stack.functionEnvironment("IngestFileFunction").variables());
            variables.put("AWS_ENDPOINT_URL_EVENTBRIDGE", sink.endpoint().toString());
            // Memory stays flat whatever the size: the template's size limit is a policy, so it is lifted here.
            variables.put("MAX_FILE_BYTES", Long.toString(Files.size(file)));
            IngestFileHandler handler = new IngestFileHandler(LambdaEnvironment.of(variables));
            String notification = ObjectCreatedEvents.of(stack.ref("PartnerBucket"), key, versionId, Files.size(file));

            System.gc();
            resetPeakHeap();
            long started = System.nanoTime();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(ObjectCreatedEvents.queued(notification).getBytes(StandardCharsets.UTF_8)),
                    output, TestLambdaContext.of("IngestFile"));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            JsonNode answer = Json.parse(output.toString(StandardCharsets.UTF_8));
            if (!answer.path("batchItemFailures").isEmpty()) {
                throw new AssertionError("the file failed: " + answer);
            }
            String report = "reports/bulk-partner/" + lines + "-lines.jsonl." + versionId + ".report.json";
            return new Result(lines, Json.parse(s3.getObjectAsBytes(builder -> builder.bucket(stack.ref("PartnerBucket")).key(report))
                    .asUtf8String()), sink.acceptedEntries(), elapsed, peakHeap(), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            file.toFile().delete();
        }
    }

    /** Lines of realistic size; every hundredth has a negative price and is rejected. */
    private static Path generate(int lines) {
        try {
            Path file = Files.createTempFile("partner-file", ".jsonl");
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int line = 1; line <= lines; line++) {
                    String price = line % 100 == 0 ? "-1.00" : "12.50";
                    writer.write("{\"partnerOrderRef\":\"PO-" + line + "\",\"customerId\":\"customer-" + (line % 5000)
                            + "\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"BOOK-" + (line % 997) + "\",\"quantity\":"
                            + (1 + line % 3) + ",\"unitPrice\":\"" + price + "\"},{\"sku\":\"PEN-0007\",\"quantity\":1,"
                            + "\"unitPrice\":\"2.50\"}]}\n");
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
