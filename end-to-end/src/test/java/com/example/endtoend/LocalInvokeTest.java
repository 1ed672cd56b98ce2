package com.example.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code make invoke}, the Docker-free {@code sam local invoke}, answers for every function with its
 * sample event against the running local application: a response on stdout, the REPORT on stderr,
 * exit status 0. An answer may be the function's error object (a sample names a bucket or an order
 * the local run does not have), as with {@code sam local invoke}.
 */
class LocalInvokeTest {

    @ParameterizedTest
    @CsvSource({
            "PlaceOrderFunction, place-order.json", "GetOrderFunction, get-order.json",
            "ReviewOrderFunction, review-order.json", "RiskCheckFunction, risk-check.json",
            "IssueInvoiceFunction, issue-invoice.json", "GetInvoiceFunction, get-invoice.json",
            "MarkOrderInvoicedFunction, mark-order-invoiced.json", "IngestFileFunction, ingest-file.json",
            "PlaceOrderFromQueueFunction, place-order-from-queue.json"})
    void everyFunctionAnswersItsSampleEvent(String function, String event) throws IOException, InterruptedException {
        assumeTrue(Stack.current().isLocal(), "make invoke runs against the local application; a deployed stack needs ENV_VARS");
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
        Process invoke = new ProcessBuilder("make", "-s", "invoke", "FUNCTION=" + function, "EVENT=events/" + event)
                .directory(root.toFile()).start();
        String stdout = new String(invoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(invoke.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(invoke.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(invoke.exitValue()).as("the function ran; stderr: %s", stderr).isZero();
        assertThat(stderr).contains("REPORT RequestId: ", "Duration: ", "Max Memory Used: ", "Init Duration: ");
        assertThat(Stack.JSON.readTree(stdout).isObject()).as("the response is a JSON object: %s", stdout).isTrue();
    }
}
