package com.example.local.eventbridge;

import java.io.IOException;
import java.io.UncheckedIOException;

import software.amazon.event.ruler.Machine;

/**
 * An event pattern (a rule's or a pipe filter's) evaluated by Event Ruler, the matching library
 * EventBridge itself uses, so a test sees exactly what AWS would match.
 */
public final class EventPattern {

    private final String pattern;
    private final Machine machine;

    private EventPattern(String pattern, Machine machine) {
        this.pattern = pattern;
        this.machine = machine;
    }

    public static EventPattern of(String pattern) {
        Machine machine = Machine.builder().build();
        try {
            machine.addRule("pattern", pattern);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a valid event pattern: " + pattern, e);
        }
        return new EventPattern(pattern, machine);
    }

    public boolean matches(String eventJson) {
        try {
            return !machine.rulesForJSONEvent(eventJson).isEmpty();
        } catch (Exception e) {
            throw new IllegalArgumentException("Event Ruler could not read the event " + eventJson, e);
        }
    }

    @Override
    public String toString() {
        return pattern;
    }
}
