package com.example.local.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A resource policy, evaluated as AWS does for a caller of the resource's own account whose identity
 * policies allow the call: an explicit {@code Deny} that matches refuses it, nothing else does (the
 * local run does not evaluate identity policies). What it cannot evaluate it refuses to load, naming
 * it, rather than allow a call AWS would refuse.
 */
public final class ResourcePolicy {

    /** The condition operators evaluated; each has the {@code ...IfExists} form too. */
    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringLike", "StringNotLike",
            "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike");

    /** A call as a policy sees it: the action, the resource's ARN and the condition keys ({@code aws:PrincipalArn}, ...). */
    public record Request(String action, String resource, Map<String, String> keys) {
    }

    private record Statement(boolean deny, List<String> actions, List<String> resources, List<Condition> conditions) {
    }

    private record Condition(String operator, String key, List<String> values) {
    }

    private final List<Statement> statements;

    private ResourcePolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    public static ResourcePolicy none() {
        return new ResourcePolicy(List.of());
    }

    /**
     * A policy's statements, resolved (no intrinsic functions left).
     *
     * @param abbreviation a resource prefix to expand ({@code execute-api:/}), and what it expands to
     */
    public static ResourcePolicy of(List<?> statements, Map<String, String> abbreviation) {
        List<Statement> parsed = new ArrayList<>();
        for (Object each : statements) {
            if (!(each instanceof Map<?, ?> statement)) {
                throw new IllegalArgumentException("A policy statement is an object, not " + each);
            }
            for (Object field : statement.keySet()) {
                if (!Set.of("Sid", "Effect", "Principal", "Action", "Resource", "Condition").contains(field)) {
                    throw new IllegalArgumentException("The local run does not evaluate " + field + " in a resource policy");
                }
            }
            Object principal = statement.get("Principal");
            if (!"*".equals(principal) && !(principal instanceof Map<?, ?> named && named.size() == 1 && "*".equals(named.get("AWS")))) {
                throw new IllegalArgumentException("The local run evaluates statements for every principal (\"*\") only, not " + principal);
            }
            List<String> resources = strings(statement.get("Resource")).stream().map(resource -> expand(resource, abbreviation)).toList();
            parsed.add(new Statement(effect(statement.get("Effect")), strings(statement.get("Action")), resources,
                    conditions(statement.get("Condition"))));
        }
        return new ResourcePolicy(parsed);
    }

    /** Whether a statement denies the request. */
    public boolean denies(Request request) {
        return statements.stream().anyMatch(statement -> statement.deny() && applies(statement, request));
    }

    private static boolean applies(Statement statement, Request request) {
        return statement.actions().stream().anyMatch(action -> wildcard(action.toLowerCase(Locale.ROOT)).matcher(
                        request.action().toLowerCase(Locale.ROOT)).matches())
                && statement.resources().stream().anyMatch(resource -> wildcard(resource).matcher(request.resource()).matches())
                && statement.conditions().stream().allMatch(condition -> holds(condition, request.keys()));
    }

    private static boolean holds(Condition condition, Map<String, String> keys) {
        String operator = condition.operator().replace("IfExists", "");
        Optional<String> value = Optional.ofNullable(keys.get(condition.key()));
        if (value.isEmpty()) {
            // A missing key satisfies the negated operators and the IfExists forms, as in IAM.
            return operator.contains("Not") || condition.operator().endsWith("IfExists");
        }
        boolean matchesOne = condition.values().stream().anyMatch(expected -> switch (operator) {
            case "StringEquals", "StringNotEquals" -> expected.equals(value.get());
            default -> wildcard(expected).matcher(value.get()).matches();
        });
        return operator.contains("Not") != matchesOne;
    }

    private static boolean effect(Object effect) {
        return switch (String.valueOf(effect)) {
            case "Deny" -> true;
            case "Allow" -> false;
            default -> throw new IllegalArgumentException("A statement's Effect is Allow or Deny, not " + effect);
        };
    }

    private static List<Condition> conditions(Object condition) {
        if (condition == null) {
            return List.of();
        }
        if (!(condition instanceof Map<?, ?> operators)) {
            throw new IllegalArgumentException("A statement's Condition is an object, not " + condition);
        }
        List<Condition> conditions = new ArrayList<>();
        operators.forEach((operator, tests) -> {
            if (!OPERATORS.contains(String.valueOf(operator).replace("IfExists", ""))) {
                throw new IllegalArgumentException("The local run does not evaluate the condition operator " + operator);
            }
            if (!(tests instanceof Map<?, ?> byKey)) {
                throw new IllegalArgumentException("Condition " + operator + " maps keys to values, not " + tests);
            }
            byKey.forEach((key, values) -> conditions.add(new Condition(String.valueOf(operator), String.valueOf(key), strings(values))));
        });
        return conditions;
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value == null) {
            throw new IllegalArgumentException("A statement needs Action and Resource");
        }
        return List.of(String.valueOf(value));
    }

    private static String expand(String resource, Map<String, String> abbreviation) {
        return abbreviation.entrySet().stream().filter(prefix -> resource.startsWith(prefix.getKey())).findFirst()
                .map(prefix -> prefix.getValue() + resource.substring(prefix.getKey().length())).orElse(resource);
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one character; all else literal. */
    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
