package com.example.local.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CloudFormation knows of a stack once its resources exist: each resource's physical id (what
 * {@code Ref} gives) and attributes (what {@code Fn::GetAtt} gives), the parameters and conditions,
 * and the resolution of the intrinsic functions the template uses against them.
 */
public final class DeployedStack {

    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final CloudFormationTemplate template;
    private final String name;
    private final String region;
    private final String accountId;
    private final Map<String, String> parameters;
    private final Map<String, String> refs = new ConcurrentHashMap<>();
    private final Map<String, String> attributes = new ConcurrentHashMap<>();

    public DeployedStack(CloudFormationTemplate template, String name, String region, String accountId,
                         Map<String, String> parameterOverrides) {
        this.template = template;
        this.name = name;
        this.region = region;
        this.accountId = accountId;
        Map<String, String> parameters = new LinkedHashMap<>();
        template.parameters().keySet().forEach(parameter -> template.parameterDefault(parameter)
                .ifPresent(value -> parameters.put(parameter, value)));
        parameterOverrides.forEach((parameter, value) -> {
            if (!template.parameters().containsKey(parameter)) {
                throw new IllegalArgumentException("The template has no parameter " + parameter);
            }
            parameters.put(parameter, value);
        });
        this.parameters = Map.copyOf(parameters);
    }

    public CloudFormationTemplate template() {
        return template;
    }

    public String name() {
        return name;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    /** Records what {@code Ref} of a resource gives. */
    public void putRef(String logicalId, String physicalId) {
        refs.put(logicalId, physicalId);
    }

    /** Records what {@code Fn::GetAtt} of a resource's attribute gives. */
    public void putAttribute(String logicalId, String attribute, String value) {
        attributes.put(logicalId + "." + attribute, value);
    }

    public String ref(String logicalId) {
        String value = refs.get(logicalId);
        if (value != null) {
            return value;
        }
        String parameter = parameters.get(logicalId);
        if (parameter != null) {
            return parameter;
        }
        return switch (logicalId) {
            case "AWS::StackName" -> name;
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> accountId;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackId" -> "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + name + "/local";
            default -> throw new IllegalArgumentException(
                    logicalId + " is neither a created resource nor a parameter of this stack");
        };
    }

    public Optional<String> optionalRef(String logicalId) {
        return Optional.ofNullable(refs.get(logicalId));
    }

    public String attribute(String logicalId, String attribute) {
        String value = attributes.get(logicalId + "." + attribute);
        if (value == null) {
            throw new IllegalArgumentException(logicalId + "." + attribute + " does not exist in this stack");
        }
        return value;
    }

    /** Whether a named condition of the template holds for this stack's parameters. */
    public boolean condition(String conditionName) {
        Object expression = template.conditions().get(conditionName);
        if (expression == null) {
            throw new IllegalArgumentException("The template has no condition " + conditionName);
        }
        return truth(expression);
    }

    /** Whether a resource exists in this stack: it has no {@code Condition}, or its condition holds. */
    public boolean includes(CloudFormationTemplate.Resource resource) {
        return resource.condition().map(this::condition).orElse(true);
    }

    /** A scalar template value with every intrinsic function resolved, as text. */
    public String resolve(Object value) {
        Object resolved = resolveAll(value);
        if (resolved instanceof String || resolved instanceof Number || resolved instanceof Boolean) {
            return String.valueOf(resolved);
        }
        throw new IllegalArgumentException("Expected a scalar, found " + resolved);
    }

    /** A scalar template value resolved, or empty where it resolves to {@code AWS::NoValue} (the property is left out). */
    public Optional<String> resolveOptional(Object value) {
        Object resolved = resolveAll(value);
        return resolved == NoValue.INSTANCE ? Optional.empty() : Optional.of(resolve(resolved));
    }

    /** A template value (a mapping, a list, a scalar) with every intrinsic function in it resolved. */
    public Object resolveAll(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> node = CloudFormationTemplate.asMap(map);
            if (node.size() == 1) {
                Map.Entry<String, Object> only = node.entrySet().iterator().next();
                if (only.getKey().equals("Ref") || only.getKey().startsWith("Fn::")) {
                    return intrinsic(only.getKey(), only.getValue());
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            node.forEach((key, item) -> {
                Object itemValue = resolveAll(item);
                if (itemValue != NoValue.INSTANCE) {
                    resolved.put(key, itemValue);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object itemValue = resolveAll(item);
                if (itemValue != NoValue.INSTANCE) {
                    resolved.add(itemValue);
                }
            }
            return resolved;
        }
        return value;
    }

    private Object intrinsic(String function, Object argument) {
        return switch (function) {
            case "Ref" -> "AWS::NoValue".equals(argument) ? NoValue.INSTANCE : ref((String) argument);
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::If" -> {
                List<Object> branches = CloudFormationTemplate.asList(argument);
                yield resolveAll(condition((String) branches.get(0)) ? branches.get(1) : branches.get(2));
            }
            case "Fn::Join" -> {
                List<Object> join = CloudFormationTemplate.asList(argument);
                yield String.join((String) join.get(0), CloudFormationTemplate.asList(resolveAll(join.get(1))).stream()
                        .map(String::valueOf).toList());
            }
            case "Fn::Select" -> {
                List<Object> select = CloudFormationTemplate.asList(argument);
                yield CloudFormationTemplate.asList(resolveAll(select.get(1)))
                        .get(Integer.parseInt(resolve(select.get(0))));
            }
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> truth(Map.of(function, argument));
            default -> throw new IllegalArgumentException(function + " is not resolved by the local run");
        };
    }

    private boolean truth(Object expression) {
        Map<String, Object> node = CloudFormationTemplate.asMap(expression);
        Map.Entry<String, Object> only = node.entrySet().iterator().next();
        List<Object> operands = only.getKey().equals("Condition") ? List.of() : CloudFormationTemplate.asList(only.getValue());
        return switch (only.getKey()) {
            case "Condition" -> condition((String) only.getValue());
            case "Fn::Equals" -> resolve(operands.get(0)).equals(resolve(operands.get(1)));
            case "Fn::Not" -> !truth(operands.get(0));
            case "Fn::And" -> operands.stream().allMatch(this::truth);
            case "Fn::Or" -> operands.stream().anyMatch(this::truth);
            default -> throw new IllegalArgumentException(only.getKey() + " is not a condition function");
        };
    }

    private String getAtt(Object argument) {
        List<Object> path = CloudFormationTemplate.asList(argument);
        return attribute((String) path.get(0), (String) path.get(1));
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables;
        if (argument instanceof String plain) {
            text = plain;
            variables = Map.of();
        } else {
            List<Object> pair = CloudFormationTemplate.asList(argument);
            text = (String) pair.get(0);
            variables = CloudFormationTemplate.asMap(pair.get(1));
        }
        Matcher matcher = SUBSTITUTION.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String value;
            if (variables.containsKey(variable)) {
                value = resolve(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                int dot = variable.indexOf('.');
                String logicalId = variable.substring(0, dot);
                String attribute = variable.substring(dot + 1);
                value = attributes.containsKey(variable) ? attribute(logicalId, attribute) : ref(variable);
            } else {
                value = ref(variable);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString().replace("${!", "${");
    }

    /** {@code Ref: AWS::NoValue}: the property is left out. */
    private enum NoValue {
        INSTANCE
    }
}
