package com.example.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code make invoke}, the Docker-free {@code sam local invoke}, answers for every function with its
 * sample event against the running local application: a response on stdout, the REPORT on stderr,
 * exit status 0. An answer may be the function's error object (a sample names a bucket or an order
 * the local run does not have), as with {@code sam local invoke}.
 *
 * <p>Each function also stays within its budget of classes loaded by its first answer (init, the
 * SnapStart priming and the first request): a deterministic stand-in for its cold start, a little
 * above what {@code make benchmark-coldstart} measured (docs/performance.md), so that a heavier
 * init fails the build with the number.
 */
class LocalInvokeTest {

    private static final Pattern CLASSES_LOADED = Pattern.compile("Classes loaded at the first answer: (\\d+)");

    @ParameterizedTest
    @CsvSource({
            "OrdersService/PlaceOrderFunction, orders-service/place-order.json, 7360",
            "OrdersService/GetOrderFunction, orders-service/get-order.json, 6560",
            "OrdersService/ReviewOrderFunction, orders-service/review-order.json, 7060",
            "OrdersService/RiskCheckFunction, orders-service/risk-check.json, 6480",
            "InvoiceService/IssueInvoiceFunction, invoice-service/issue-invoice.json, 7740",
            "InvoiceService/GetInvoiceFunction, invoice-service/get-invoice.json, 6530",
            "OrdersService/MarkOrderInvoicedFunction, orders-service/mark-order-invoiced.json, 7000",
            "IngestionService/IngestFileFunction, ingestion-service/ingest-file.json, 7360",
            "OrdersService/PlaceOrderFromQueueFunction, orders-service/place-order-from-queue.json, 7390"})
    void everyFunctionAnswersItsSampleEventWithinItsClassBudget(String function, String event, int classBudget)
            throws IOException, InterruptedException {
        assumeTrue(Stack.current().isLocal(), "make invoke runs against the local application; a deployed stack needs ENV_VARS");
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
        Process invoke = new ProcessBuilder("make", "-s", "invoke", "FUNCTION=" + function, "EVENT=events/" + event,
                "CLASSES=1").directory(root.toFile()).start();
        String stdout = new String(invoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(invoke.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(invoke.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(invoke.exitValue()).as("the function ran; stderr: %s", stderr).isZero();
        assertThat(stderr).contains("REPORT RequestId: ", "Duration: ", "Max Memory Used: ", "Init Duration: ");
        assertThat(Stack.JSON.readTree(stdout).isObject()).as("the response is a JSON object: %s", stdout).isTrue();
        Matcher classes = CLASSES_LOADED.matcher(stderr);
        assertThat(classes.find()).as("the class count; stderr: %s", stderr).isTrue();
        assertThat(Integer.parseInt(classes.group(1))).as("classes %s loaded by its first answer", function)
                .isLessThanOrEqualTo(classBudget);
    }
}
