package com.example.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "Start here" commands, run as a newcomer would paste them into a second terminal
 * while {@code make run} serves: the order they place reaches INVOICED, the partner file they copy
 * gets its report, the function they invoke answers. A README command that breaks fails the build.
 * ({@code make run} and {@code make test} themselves are what runs this test.)
 */
class ReadmeCommandsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern INVOICE_ID = Pattern.compile("\"invoiceId\"\\s*:\\s*\"([^\"]+)\"");

    private final List<Path> written = new ArrayList<>();

    @AfterEach
    void removeWhatTheCommandsWrote() throws IOException {
        for (Path file : written) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anOrderPlacedWithTheReadmesCurlReachesInvoicedAndItsGetShowsIt() throws Exception {
        assumeLocal();
        List<String> commands = commandsOfBlock("curl -sS -X POST");
        // A key of its own, so the test never replays an order an earlier run placed.
        String post = commands.get(0).replace("checkout-7f3a9c2e", "readme-" + UUID.randomUUID());
        String placed = bash(post);
        Matcher orderId = ORDER_ID.matcher(placed);
        assertThat(orderId.find()).as("the POST answer: %s", placed).isTrue();
        String get = commands.get(1).replace("<id>", orderId.group(1));

        String invoiced = Eventually.until("the order is INVOICED", Duration.ofSeconds(30), () -> bash(get),
                answer -> answer.contains("\"INVOICED\""));

        Matcher invoiceId = INVOICE_ID.matcher(invoiced);
        assertThat(invoiceId.find()).as("the invoiced order names its invoice: %s", invoiced).isTrue();
        String invoice = bash(commands.get(2).replace("<invoiceId>", invoiceId.group(1)));
        assertThat(invoice).as("the invoice, from the invoice service's API").contains("\"invoiceNumber\"", "\"signature\"");
    }

    @Test
    void aPartnerFileCopiedWithTheReadmesAwsCliGetsItsReport() throws Exception {
        assumeLocal();
        List<String> commands = commandsOfBlock("printf ");
        written.add(ROOT.resolve("po.jsonl"));
        String environment = commands.get(0);
        bash(environment + "\n" + commands.get(1) + "\n" + commands.get(2));

        // `aws s3 ls` exits 1 while the prefix is empty, as the README says: read until the report is there.
        String listing = Eventually.until("the file's report is listed", Duration.ofSeconds(30),
                () -> run(environment + "\n" + commands.get(3)).output(), output -> output.contains("reports/acme/po.jsonl"));

        assertThat(listing).contains(".report.json");
    }

    @Test
    void theReadmesMakeInvokeAnswers() throws Exception {
        assumeLocal();
        String invoke = commandsOfBlock("make invoke").getFirst();

        assertThat(bash(invoke)).contains("\"statusCode\"");
    }

    private static void assumeLocal() {
        assumeTrue(Stack.current().isLocal(), "the README's first screen runs against make run");
    }

    /** The commands of the README's bash block that holds {@code marker}: continuation lines joined, comments dropped. */
    private static List<String> commandsOfBlock(String marker) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String block : readme.split("```bash\n")) {
            String code = block.contains("```") ? block.substring(0, block.indexOf("```")) : "";
            if (!code.contains(marker)) {
                continue;
            }
            List<String> commands = new ArrayList<>();
            StringBuilder command = new StringBuilder();
            for (String line : code.split("\n")) {
                String withoutComment = line.startsWith("#") ? "" : line.replaceAll("\\s+# .*$", "");
                if (withoutComment.isBlank()) {
                    continue;
                }
                if (withoutComment.endsWith("\\")) {
                    command.append(withoutComment, 0, withoutComment.length() - 1).append(' ');
                } else {
                    commands.add(againstTheRunUnderTest(command.append(withoutComment).toString().trim()));
                    command.setLength(0);
                }
            }
            return commands;
        }
        throw new AssertionError("README.md has no bash block with " + marker);
    }

    /**
     * The README's addresses are {@code make run}'s default ports; the run under test may serve on
     * others ({@code PORT}, {@code AWS_PORT}), and whatever answers on the defaults is not it.
     */
    private static String againstTheRunUnderTest(String command) {
        URI api = URI.create(Stack.current().output("OrdersApiUrl"));
        return command.replace("http://localhost:3000/", "http://localhost:" + api.getPort() + "/")
                .replace("http://localhost:4566", Stack.current().output("LocalAwsEndpointUrl"));
    }

    /** Runs the script as a terminal would and requires it to succeed. */
    private static String bash(String script) {
        Ran ran = run(script);
        assertThat(ran.exitCode()).as("%s%n%s", script, ran.output()).isZero();
        return ran.output();
    }

    private record Ran(int exitCode, String output) {
    }

    private static Ran run(String script) {
        try {
            Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(ROOT.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished: %s", script).isTrue();
            return new Ran(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
