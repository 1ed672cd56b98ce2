package com.example.local.eventbridge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.example.local.iam.ResourcePolicy;

/** A bus, its rules by name, and its resource policy (its statements by statement id, and as evaluated). */
final class EventBus {

    final String name;
    final String arn;
    final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, Object> policyStatements = new LinkedHashMap<>();
    private volatile Optional<ResourcePolicy> policy = Optional.empty();

    EventBus(String name, String arn) {
        this.name = name;
        this.arn = arn;
    }

    /**
     * Adds or replaces a statement of the bus's policy; the policy is parsed here, once, so that a
     * statement the local run cannot evaluate is refused when it is put.
     */
    synchronized void putPolicyStatement(String statementId, Object statement) {
        Map<String, Object> statements = new LinkedHashMap<>(policyStatements);
        statements.put(statementId, statement);
        policy = Optional.of(ResourcePolicy.of(List.copyOf(statements.values()), Map.of()));
        policyStatements.put(statementId, statement);
    }

    /** The bus's policy; empty when it has none. */
    Optional<ResourcePolicy> policy() {
        return policy;
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
