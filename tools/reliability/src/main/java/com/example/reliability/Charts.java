package com.example.reliability;

import java.util.List;
import java.util.Locale;

/** The run's charts as small SVG files: the POST latency of every request over the run, and the time to INVOICED. */
final class Charts {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 280;
    private static final int LEFT = 60;
    private static final int BOTTOM = 40;
    private static final int TOP = 30;

    private Charts() {
    }

    /** Every request as a dot: when it was sent (s) against its latency (ms); green 2xx, blue 4xx, red 5xx or no answer. */
    static String latencyOverTime(String title, List<SentRequest> ledger) {
        long first = ledger.stream().mapToLong(SentRequest::sentAtMs).min().orElse(0);
        double xMax = Math.max(1, ledger.stream().mapToLong(sent -> sent.sentAtMs() - first).max().orElse(1) / 1000.0);
        double yMax = Math.max(10, LoadFigures.percentile(ledger.stream().map(SentRequest::latencyMs).sorted().toList(), 99) * 1.5);
        StringBuilder svg = frame(title, "seconds into the run", "POST latency (ms)", xMax, yMax);
        for (SentRequest sent : ledger) {
            double x = LEFT + (sent.sentAtMs() - first) / 1000.0 / xMax * plotWidth();
            double y = TOP + plotHeight() - Math.min(sent.latencyMs(), yMax) / yMax * plotHeight();
            String colour = sent.status() / 100 == 2 ? "#2a9d4b" : sent.status() / 100 == 4 ? "#3465a4" : "#cc0000";
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\" fill-opacity=\"0.6\"/>%n", x, y, colour));
        }
        return svg.append("</svg>\n").toString();
    }

    /** How many orders took how long from POST to INVOICED, in 20 bars. */
    static String histogram(String title, String xLabel, List<Long> values) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        int[] bars = new int[20];
        values.forEach(value -> bars[(int) Math.min(19, value * 20 / (max + 1))]++);
        int highest = Math.max(1, java.util.Arrays.stream(bars).max().orElse(1));
        StringBuilder svg = frame(title, xLabel, "orders", max / 1000.0, highest);
        double barWidth = plotWidth() / 20.0;
        for (int i = 0; i < bars.length; i++) {
            double height = (double) bars[i] / highest * plotHeight();
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3465a4\"/>%n",
                    LEFT + i * barWidth + 1, TOP + plotHeight() - height, barWidth - 2, height));
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder frame(String title, String xLabel, String yLabel, double xMax, double yMax) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP + plotHeight(), LEFT + plotWidth(), TOP + plotHeight()));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP, LEFT, TOP + plotHeight()));
        for (int tick = 0; tick <= 4; tick++) {
            double y = TOP + plotHeight() - tick / 4.0 * plotHeight();
            double x = LEFT + tick / 4.0 * plotWidth();
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n", LEFT - 4, y + 4, yMax * tick / 4));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>%n", x, TOP + plotHeight() + 14,
                    xMax * tick / 4));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotWidth() / 2,
                HEIGHT - 6, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>%n",
                TOP + plotHeight() / 2, TOP + plotHeight() / 2, escape(yLabel)));
        return svg;
    }

    private static int plotWidth() {
        return WIDTH - LEFT - 20;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
