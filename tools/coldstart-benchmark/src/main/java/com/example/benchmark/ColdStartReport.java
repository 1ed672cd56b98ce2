package com.example.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntBiFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The benchmark's results as people read them: a Markdown table whose headline figures are ratios
 * to the bare handler measured in the same run, and an SVG chart of the init ratios; the AWS sample,
 * when measured, is a row and a bar of its own colour beside our functions.
 */
final class ColdStartReport {

    /** The target of the cold-start work: every function's init within 2.5 times the bare handler's. */
    static final double INIT_RATIO_TARGET = 2.5;

    private final FunctionResult baseline;
    private static final String SAMPLE_PREFIX = "AWS sample ";

    private final List<FunctionResult> functions;
    private final AwsSampleOutcome sample;
    private final String machine;

    ColdStartReport(FunctionResult baseline, List<FunctionResult> functions, AwsSampleOutcome sample, String machine) {
        this.baseline = baseline;
        this.functions = List.copyOf(functions);
        this.sample = sample;
        this.machine = machine;
    }

    String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("Measured on ").append(machine).append(". Medians of ").append(baseline.runs().size())
                .append(" cold starts each; warm figures over every warm invocation of those runs.\n\n");
        table.append("| function | init | init ratio | first invocation | first ratio | warm p50 / p99 | max memory | classes at first answer | artifact |\n");
        table.append("|---|---|---|---|---|---|---|---|---|\n");
        row(table, "", baseline);
        functions.forEach(result -> row(table, "", result));
        if (sample instanceof AwsSampleOutcome.Measured measured) {
            row(table, SAMPLE_PREFIX, measured.result());
        }
        if (functions.stream().anyMatch(result -> !result.allAnswered())) {
            table.append("\n† Its sample event takes the function's refusal path on the local run (an order or a file the")
                    .append(" local run does not have): the figures measure that path.\n");
        }
        table.append('\n').append(switch (sample) {
            case AwsSampleOutcome.Measured measured -> sampleNote(measured);
            case AwsSampleOutcome.Skipped skipped -> skipped.line() + ".";
        }).append('\n');
        table.append('\n').append(initByPurpose());
        table.append('\n').append(primedFirstInvocationByPurpose());
        return table.toString();
    }

    /**
     * Classes each environment loaded during its init on demand, by what they are there for: the
     * price of each practice at init, beside the bare handler's and the AWS sample's.
     */
    private String initByPurpose() {
        List<FunctionResult> columns = new ArrayList<>();
        columns.add(baseline);
        functions.stream().filter(result -> result.variant() == FunctionResult.Variant.ON_DEMAND).forEach(columns::add);
        if (sample instanceof AwsSampleOutcome.Measured measured) {
            columns.add(measured.result());
        }
        StringBuilder table = purposeTable("### What the init loads\n\nClasses loaded during the init, on demand, by what "
                + "they are there for (from the class log of a run of their own):\n\n| classes at init |", columns,
                ClassesByPurpose::atInit, "init", ClassesByPurpose::totalAtInit);
        table.append("| by the first answer, in all |");
        columns.forEach(column -> table.append(' ').append(count(column.classes().totalByFirstAnswer())).append(" |"));
        return table.append('\n').toString();
    }

    /**
     * Classes each primed environment still loaded during its first invocation, by purpose: what the
     * SnapStart priming does not reach yet, the work a restored snapshot's first request still does.
     */
    private String primedFirstInvocationByPurpose() {
        List<FunctionResult> columns = functions.stream().filter(result -> result.variant() == FunctionResult.Variant.PRIMED)
                .toList();
        if (columns.isEmpty()) {
            return "";
        }
        return purposeTable("### What the first invocation still loads once primed\n\nClasses loaded during the first "
                + "invocation of a primed environment, by what they are there for:\n\n| classes in the first invocation |",
                columns, ClassesByPurpose::inFirstInvocation, "first invocation", ClassesByPurpose::totalInFirstInvocation)
                .toString();
    }

    /** A heading, a column per environment, a row per purpose, and the total in bold. */
    private StringBuilder purposeTable(String headingAndCorner, List<FunctionResult> columns,
                                       ToIntBiFunction<ClassesByPurpose, ClassPurpose> perPurpose, String totalLabel,
                                       ToIntFunction<ClassesByPurpose> total) {
        StringBuilder table = new StringBuilder(headingAndCorner);
        columns.forEach(column -> table.append(' ').append(shortName(column)).append(" |"));
        table.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        for (ClassPurpose purpose : ClassPurpose.values()) {
            table.append("| ").append(purpose.label()).append(" |");
            columns.forEach(column -> table.append(' ').append(count(perPurpose.applyAsInt(column.classes(), purpose))).append(" |"));
            table.append('\n');
        }
        table.append("| **").append(totalLabel).append(", in all** |");
        columns.forEach(column -> table.append(" **").append(count(total.applyAsInt(column.classes()))).append("** |"));
        return table.append('\n');
    }

    private String shortName(FunctionResult result) {
        if (result == baseline) {
            return "bare";
        }
        return sample instanceof AwsSampleOutcome.Measured measured && measured.result() == result ? "AWS sample"
                : logicalId(result).replaceFirst("Function$", "");
    }

    /** A function's logical id without its stack ({@code OrdersService/PlaceOrderFunction} is PlaceOrderFunction). */
    private static String logicalId(FunctionResult result) {
        return result.function().substring(result.function().lastIndexOf('/') + 1);
    }

    private static String count(int classes) {
        return String.format(Locale.ROOT, "%,d", classes);
    }

    /** Which sample, how it was built, and whether its figures are of the path it is meant to take. */
    private static String sampleNote(AwsSampleOutcome.Measured measured) {
        String overrides = measured.overrides().isEmpty() ? "" : ", with " + measured.overrides().stream().map(Object::toString)
                .collect(Collectors.joining(", ")) + " (" + SdkVersionOverrides.REASON + ")";
        String failed = measured.result().allAnswered() ? ""
                : " † Not every invocation succeeded: its figures measure its error path.";
        return "AWS sample: " + measured.source() + "; built from its source with its own Maven build" + overrides + "." + failed;
    }

    private void row(StringBuilder table, String prefix, FunctionResult result) {
        table.append("| ").append(prefix).append(label(result))
                .append(result.allAnswered() ? "" : " †")
                .append(" | ").append(ms(result.initMs()))
                .append(" | ").append(ratio(result.initMs() / baseline.initMs()))
                .append(" | ").append(ms(result.firstInvocationMs()))
                .append(" | ").append(ratio(result.firstInvocationMs() / baseline.firstInvocationMs()))
                .append(" | ").append(ms(result.warmP50Ms())).append(" / ").append(ms(result.warmP99Ms()))
                .append(" | ").append(result.residentMb()).append(" MB")
                .append(" | ").append(count(result.classesAtFirstAnswer()))
                .append(" | ").append(kilobytes(result.artifactBytes()))
                .append(" |\n");
    }

    /** One bar of the chart: what it is, init as a multiple of the bare handler's, and its colour. */
    private record Bar(String label, double ratio, String colour) {
    }

    private List<Bar> bars() {
        List<Bar> bars = new ArrayList<>();
        functions.forEach(result -> bars.add(new Bar(label(result), result.initMs() / baseline.initMs(),
                result.variant() == FunctionResult.Variant.PRIMED ? "#7aa6d8" : "#2f6db5")));
        if (sample instanceof AwsSampleOutcome.Measured measured) {
            bars.add(new Bar(SAMPLE_PREFIX + label(measured.result()), measured.result().initMs() / baseline.initMs(), "#d9822b"));
        }
        return bars;
    }

    private static String label(FunctionResult result) {
        return logicalId(result) + (result.variant() == FunctionResult.Variant.PRIMED ? " (primed)" : "");
    }

    /**
     * A horizontal bar per function and variant, and the AWS sample's in orange: init as a multiple
     * of the bare handler's, the target drawn across.
     */
    String svg() {
        List<Bar> bars = bars();
        int labelWidth = 300;
        int chartWidth = 440;
        int barHeight = 16;
        int gap = 6;
        int top = 40;
        double maxRatio = Math.max(INIT_RATIO_TARGET + 0.5,
                bars.stream().mapToDouble(Bar::ratio).max().orElse(1) * 1.1);
        int height = top + bars.size() * (barHeight + gap) + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", labelWidth + chartWidth + 60, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\">Init as a multiple of the bare "
                + "handler's (%s), this machine</text>%n", ms(baseline.initMs())));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = top + i * (barHeight + gap);
            int width = (int) Math.round(bar.ratio() / maxRatio * chartWidth);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", labelWidth - 8,
                    y + 12, bar.label()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    labelWidth, y, width, barHeight, bar.colour()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", labelWidth + width + 4, y + 12,
                    ratio(bar.ratio())));
        }
        int target = labelWidth + (int) Math.round(INIT_RATIO_TARGET / maxRatio * chartWidth);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c0392b\" "
                + "stroke-dasharray=\"4 3\"/>%n", target, top - 6, target, height - 24));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#c0392b\">target %sx</text>%n", target - 30,
                height - 8, INIT_RATIO_TARGET));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String ms(double value) {
        return Measurement.format(value) + " ms";
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.1fx", value);
    }

    private static String kilobytes(long bytes) {
        return bytes >= 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024))
                : String.format(Locale.ROOT, "%d KB", (bytes + 1023) / 1024);
    }
}
