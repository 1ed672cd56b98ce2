package com.example.local.trace;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The local run's live account of what happens, one line per thing: each request, each event on a
 * bus, each invocation with its REPORT, each state a workflow enters, each delivery and each failure.
 */
public final class Trace {

    /** Who did it: the emulated service a line comes from. */
    public enum Source {
        LOCAL("local", 37), API("api", 36), LAMBDA("lambda", 33), BUS("bus", 35), PIPE("pipe", 34),
        SQS("sqs", 32), SFN("sfn", 94), S3("s3", 92), ALARM("alarm", 91);

        private final String label;
        private final int colour;

        Source(String label, int colour) {
            this.label = label;
            this.colour = colour;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private final Consumer<String> sink;
    private final boolean colours;

    private Trace(Consumer<String> sink, boolean colours) {
        this.sink = sink;
        this.colours = colours;
    }

    /** To the terminal; coloured when it is one. */
    public static Trace toTerminal(PrintStream out) {
        return new Trace(out::println, System.console() != null && System.getenv("NO_COLOR") == null);
    }

    /** Into a list, for tests that check what was traced. */
    public static Trace into(List<String> lines) {
        List<String> synchronizedLines = java.util.Collections.synchronizedList(lines);
        return new Trace(synchronizedLines::add, false);
    }

    public static Trace discarding() {
        return new Trace(line -> { }, false);
    }

    public void print(Source source, String message) {
        String label = String.format(Locale.ROOT, "%-6s", source.label);
        String line = LocalTime.now().format(TIME) + "  "
                + (colours ? "\u001b[" + source.colour + "m" + label + "\u001b[0m" : label) + "  " + message;
        synchronized (this) {
            sink.accept(line);
        }
    }

    /** Lines of a multi-line message, each traced. */
    public void printAll(Source source, List<String> messages) {
        new ArrayList<>(messages).forEach(message -> print(source, message));
    }
}
