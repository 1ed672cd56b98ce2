package com.example.tests.eventbridge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.eventbridge.EventPattern;
import com.example.platform.json.Json;
import com.example.tests.template.ApplicationTemplates;
import com.example.tests.template.TestStack;

/**
 * The event patterns of the application's rules, ready for Event Ruler: an AWS::Events::Rule by its
 * logical id, or a rule SAM makes from a function's or state machine's event by (resource, event),
 * in whichever stack declares it.
 */
public final class RulePatterns {

    private RulePatterns() {
    }

    /** A rule's pattern, with every resource it names by Ref called {@code ref-of-<LogicalId>}. */
    public static EventPattern of(String... rule) {
        return of(RulePatterns::namedRefs, rule);
    }

    /** A rule's pattern with its references resolved against a test stack. */
    public static EventPattern of(TestStack stack, String... rule) {
        return of(value -> stack.resolveAll(rule[0], value), rule);
    }

    private static EventPattern of(UnaryOperator<Object> resolve, String... rule) {
        Resource resource = ApplicationTemplates.resource(rule[0]);
        Object pattern = rule.length == 1
                ? resource.property("EventPattern").orElseThrow()
                : resource.property("Events", rule[1], "Properties", "Pattern").orElseThrow();
        return EventPattern.of(Json.write(resolve.apply(pattern)));
    }

    private static Object namedRefs(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String logicalId) {
                return "ref-of-" + logicalId;
            }
            Map<Object, Object> named = new LinkedHashMap<>();
            map.forEach((key, item) -> named.put(key, namedRefs(item)));
            return named;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RulePatterns::namedRefs).toList();
        }
        return value;
    }
}
