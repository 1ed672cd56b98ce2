package com.example.local.eventbridge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A bus, its rules by name, and its resource policy's statements by statement id. */
final class EventBus {

    final String name;
    final String arn;
    final Map<String, Rule> rules = new ConcurrentHashMap<>();
    final Map<String, Object> policyStatements = new ConcurrentHashMap<>();

    EventBus(String name, String arn) {
        this.name = name;
        this.arn = arn;
    }

    /** A rule: its pattern, state and targets. */
    static final class Rule {
        final String name;
        final String arn;
        final String patternJson;
        final EventPattern pattern;
        final String state;
        final String description;
        final Map<String, Target> targets = new ConcurrentHashMap<>();

        Rule(String name, String arn, String patternJson, String state, String description) {
            this.name = name;
            this.arn = arn;
            this.patternJson = patternJson;
            this.pattern = EventPattern.of(patternJson);
            this.state = state;
            this.description = description;
        }

        boolean enabled() {
            return "ENABLED".equals(state);
        }
    }
}
