package com.example.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Writes what a load or the drills found under docs/reliability/: a table of figures and counts, and
 * the charts drawn from the ledger, labelled with the machine they were measured on.
 */
final class ReliabilityReport {

    private final Path directory;
    private final String machine;

    ReliabilityReport(Path directory) {
        this.directory = directory;
        this.machine = String.format(Locale.ROOT, "this machine: %d cores, JDK %s, %s", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), LocalDate.now());
    }

    void load(DrillResult result, List<SentRequest> ledger, List<Long> timesToInvoiced) {
        write("load-latency.svg", Charts.latencyOverTime("POST /orders latency of every request (" + machine + ")", ledger));
        write("load-to-invoiced.svg", Charts.histogram("POST to INVOICED, standard orders (" + machine + ")", "seconds", timesToInvoiced));
        LoadFigures figures = result.figures();
        Reconciliation counts = result.reconciliation();
        StringBuilder page = new StringBuilder("# Load: latest figures\n\nWritten by `make load` on " + machine
                + ". Absolute figures are this machine's, under the local run, not Lambda's. [How to read and reproduce them](../reliability.md).\n\n");
        page.append("| | |\n|---|---|\n");
        row(page, "requests sent (placements)", Integer.toString(figures.requests()));
        row(page, "run length", String.format(Locale.ROOT, "%.1f s", figures.seconds()));
        row(page, "throughput", String.format(Locale.ROOT, "%.1f requests/s", figures.requestsPerSecond()));
        row(page, "POST latency p50 / p99", figures.postP50Ms() + " ms / " + figures.postP99Ms() + " ms");
        row(page, "POST to INVOICED p50 / p99", String.format(Locale.ROOT, "%.1f s / %.1f s (%d standard orders)",
                figures.invoicedP50Ms() / 1000.0, figures.invoicedP99Ms() / 1000.0, figures.invoicedMeasured()));
        row(page, "requests retried after a 5xx or no answer", Integer.toString(figures.retried()));
        counts(page, counts);
        page.append("\n![POST latency](load-latency.svg)\n\n![POST to INVOICED](load-to-invoiced.svg)\n");
        write("load.md", page.toString());
    }

    void drills(List<DrillResult> results) {
        StringBuilder page = new StringBuilder("# Drills: latest results\n\nWritten by `make drills` on " + machine
                + ". [What each drill does and how to run it](../reliability.md#drills).\n\n");
        page.append("| drill | fault | calls failed | sent | accepted | invoiced | partner lines | lost | doubled | invoice gaps | verdict |\n");
        page.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (DrillResult result : results) {
            Reconciliation counts = result.reconciliation();
            page.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %s |%n", result.drill().drillName(),
                    result.drill().fault(), result.failedCalls(), counts.sent(), counts.accepted(), counts.invoiced(), counts.partnerLines(),
                    counts.lost(), counts.doubled(), counts.invoiceGaps(), result.passed() ? "passed" : "**failed**"));
        }
        for (DrillResult result : results) {
            page.append("\n## ").append(result.drill().drillName()).append("\n\n");
            page.append("Expected: ").append(result.drill().expected()).append(".\n\n");
            result.observations().forEach(observation -> page.append("- ").append(observation).append('\n'));
            result.reconciliation().violations().forEach(violation -> page.append("- violation: ").append(violation).append('\n'));
            page.append(String.format(Locale.ROOT, "- POST p50 / p99: %d / %d ms; POST to INVOICED p50 / p99: %.1f / %.1f s; %d requests retried%n",
                    result.figures().postP50Ms(), result.figures().postP99Ms(), result.figures().invoicedP50Ms() / 1000.0,
                    result.figures().invoicedP99Ms() / 1000.0, result.figures().retried()));
        }
        write("drills.md", page.toString());
    }

    private static void counts(StringBuilder page, Reconciliation counts) {
        row(page, "orders accepted (202) / refused as planned (400, 422)", counts.accepted() + " / " + counts.refused());
        row(page, "orders invoiced / rejected", counts.invoiced() + " / " + counts.rejected());
        row(page, "partner lines / orders / reported rejections", counts.partnerLines() + " / " + counts.partnerOrders() + " / "
                + counts.partnerRejected());
        row(page, "lost / doubled", counts.lost() + " / " + counts.doubled());
        row(page, "gaps in the invoice numbers", Integer.toString(counts.invoiceGaps()));
        row(page, "reconciler", counts.passed() ? "nothing lost, nothing doubled" : counts.violations().size() + " violations");
    }

    private static void row(StringBuilder page, String name, String value) {
        page.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private void write(String name, String content) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + directory.resolve(name), e);
        }
    }
}
