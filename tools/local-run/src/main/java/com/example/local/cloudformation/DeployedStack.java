package com.example.local.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CloudFormation knows of a stack once its resources exist: each resource's physical id (what
 * {@code Ref} gives) and attributes (what {@code Fn::GetAtt} gives), the parameters and conditions,
 * and the resolution of the intrinsic functions the template uses against them.
 *
 * <p>A stack may hold nested ones ({@code AWS::Serverless::Application}, {@code AWS::CloudFormation::Stack}
 * with a local template): each is named {@code <parent>-<LogicalId>}, as CloudFormation names nested
 * stacks but without its random suffix, so that local names stay the same run after run. A nested
 * stack's parameters are what its parent passes, resolved against the parent when first read, or
 * their defaults. Its path ({@code OrdersService}, {@code ""} for the root) qualifies its logical
 * ids as {@code sam local invoke} names them: {@code OrdersService/PlaceOrderFunction}.
 */
public final class DeployedStack {

    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}!][^}]*)}");
    /** The resource types whose local template CloudFormation deploys as a stack of its own. */
    public static final Set<String> NESTED_STACK_TYPES = Set.of("AWS::Serverless::Application", "AWS::CloudFormation::Stack");

    private final CloudFormationTemplate template;
    private final String name;
    private final String path;
    private final String region;
    private final String accountId;
    private final Function<String, Optional<Object>> passedParameters;
    private final Optional<DeployedStack> parent;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final Map<String, String> refs = new ConcurrentHashMap<>();
    private final Map<String, String> attributes = new ConcurrentHashMap<>();
    private final Map<String, DeployedStack> nested = new ConcurrentHashMap<>();

    /** A root stack: its parameters are the overrides given, or their defaults. */
    public DeployedStack(CloudFormationTemplate template, String name, String region, String accountId,
                         Map<String, String> parameterOverrides) {
        this(template, name, "", region, accountId, Optional.empty(),
                parameter -> Optional.ofNullable(parameterOverrides.get(parameter)));
        parameterOverrides.keySet().forEach(this::requireParameter);
    }

    private DeployedStack(CloudFormationTemplate template, String name, String path, String region, String accountId,
                          Optional<DeployedStack> parent, Function<String, Optional<Object>> passedParameters) {
        this.template = template;
        this.name = name;
        this.path = path;
        this.region = region;
        this.accountId = accountId;
        this.parent = parent;
        this.passedParameters = passedParameters;
    }

    /** The stack a nested-stack resource of this one deploys (the same object each time it is asked for). */
    public DeployedStack nested(String logicalId) {
        return nested.computeIfAbsent(logicalId, id -> {
            CloudFormationTemplate.Resource application = template.resource(id);
            if (!NESTED_STACK_TYPES.contains(application.type())) {
                throw new IllegalArgumentException(id + " is a " + application.type() + ", not a nested stack");
            }
            String location = application.property("Location").or(() -> application.property("TemplateURL"))
                    .map(String.class::cast).orElseThrow(() -> new IllegalArgumentException(id + " names no local template"));
            Map<String, Object> passed = CloudFormationTemplate.asMap(application.property("Parameters").orElse(Map.of()));
            CloudFormationTemplate child = CloudFormationTemplate.load(template.file(location));
            passed.keySet().forEach(parameter -> {
                if (!child.parameters().containsKey(parameter)) {
                    throw new IllegalArgumentException(id + " passes " + parameter + ", which " + location + " does not declare");
                }
            });
            return new DeployedStack(child, name + "-" + id, path.isEmpty() ? id : path + "/" + id, region, accountId,
                    Optional.of(this), parameter -> Optional.ofNullable(passed.get(parameter)));
        });
    }

    /** The nested stacks of this one, by the logical id of the resource that deploys each. */
    public Map<String, DeployedStack> nestedStacks() {
        Map<String, DeployedStack> stacks = new LinkedHashMap<>();
        template.resources().values().stream().filter(resource -> NESTED_STACK_TYPES.contains(resource.type()))
                .filter(this::includes).forEach(resource -> stacks.put(resource.logicalId(), nested(resource.logicalId())));
        return stacks;
    }

    /** This stack and every stack nested in it, parents first. */
    public List<DeployedStack> withNestedStacks() {
        List<DeployedStack> all = new ArrayList<>(List.of(this));
        nestedStacks().values().forEach(child -> all.addAll(child.withNestedStacks()));
        return all;
    }

    /** Where this stack sits in its application: {@code ""} for the root, {@code OrdersService} for a nested one. */
    public String path() {
        return path;
    }

    /** A logical id of this stack as the application names it: {@code OrdersService/PlaceOrderFunction}. */
    public String qualified(String logicalId) {
        return path.isEmpty() ? logicalId : path + "/" + logicalId;
    }

    /**
     * The stack and logical id a name points at: a qualified name ({@code OrdersService/PlaceOrderFunction})
     * through its nested stacks, a plain one in whichever stack of the application holds it, if only one does.
     */
    public Located locate(String name) {
        int slash = name.indexOf('/');
        if (slash > 0) {
            return nested(name.substring(0, slash)).locate(name.substring(slash + 1));
        }
        List<Located> holders = withNestedStacks().stream()
                .filter(stack -> stack.template.resources().containsKey(name))
                .map(stack -> new Located(stack, name)).toList();
        if (holders.size() != 1) {
            throw new IllegalArgumentException(holders.isEmpty() ? "No stack of the application has a resource " + name
                    : name + " is in several stacks; name it with its stack: "
                    + holders.stream().map(located -> located.stack().qualified(name)).toList());
        }
        return holders.getFirst();
    }

    /** A resource and the stack that holds it. */
    public record Located(DeployedStack stack, String logicalId) {

        public CloudFormationTemplate.Resource resource() {
            return stack.template().resource(logicalId);
        }

        public String qualifiedId() {
            return stack.qualified(logicalId);
        }
    }

    private void requireParameter(String parameter) {
        if (!template.parameters().containsKey(parameter)) {
            throw new IllegalArgumentException("The template has no parameter " + parameter);
        }
    }

    /** A parameter's value: what the stack was given, or the template's default. */
    private Optional<String> parameter(String parameter) {
        if (!template.parameters().containsKey(parameter)) {
            return Optional.empty();
        }
        String known = parameters.get(parameter);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> value = passedParameters.apply(parameter)
                .map(passed -> parent.map(owner -> owner.resolve(passed)).orElse(String.valueOf(passed)))
                .or(() -> template.parameterDefault(parameter));
        value.ifPresent(resolved -> parameters.put(parameter, resolved));
        return value;
    }

    /** The ARN CloudFormation gives this stack ({@code Ref} of the resource that nests it, {@code AWS::StackId}). */
    public String stackId() {
        return "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + name + "/local";
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
        Optional<String> parameter = parameter(logicalId);
        if (parameter.isPresent()) {
            return parameter.get();
        }
        if (template.parameters().containsKey(logicalId)) {
            throw new IllegalArgumentException("Parameter " + logicalId + " of " + name + " has no value and no default");
        }
        return switch (logicalId) {
            case "AWS::StackName" -> name;
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> accountId;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackId" -> stackId();
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

    /**
     * What the template's {@code Rules} refuse about this stack's parameters, as CloudFormation refuses
     * a deploy before it changes anything: each failed assertion's description; empty when none fails.
     */
    public List<String> refusedByRules() {
        List<String> refusals = new ArrayList<>();
        template.rules().forEach((name, body) -> {
            Map<String, Object> rule = CloudFormationTemplate.asMap(body);
            if (rule.containsKey("RuleCondition") && !truth(rule.get("RuleCondition"))) {
                return;
            }
            for (Object assertion : CloudFormationTemplate.asList(rule.getOrDefault("Assertions", List.of()))) {
                Map<String, Object> checked = CloudFormationTemplate.asMap(assertion);
                if (!truth(checked.get("Assert"))) {
                    refusals.add(name + ": " + checked.getOrDefault("AssertDescription", "its assertion does not hold"));
                }
            }
        });
        return refusals;
    }

    /**
     * What the parameters' own constraints refuse, as CloudFormation refuses a stack (a nested one
     * included) before it creates anything: {@code AllowedValues}, {@code AllowedPattern} (which the
     * whole value must match), {@code MinValue}/{@code MaxValue}, {@code MinLength}/{@code MaxLength}.
     * A parameter with no value is reported too. Empty when every value is allowed.
     */
    public List<String> refusedParameters() {
        List<String> refusals = new ArrayList<>();
        template.parameters().forEach((parameter, body) -> {
            Map<String, Object> constraints = CloudFormationTemplate.asMap(body);
            Optional<String> given = parameter(parameter);
            if (given.isEmpty()) {
                refusals.add(parameter + " has no value and no default");
                return;
            }
            String value = given.get();
            Optional.ofNullable(constraints.get("AllowedValues")).map(CloudFormationTemplate::asList)
                    .filter(allowed -> allowed.stream().map(String::valueOf).noneMatch(value::equals))
                    .ifPresent(allowed -> refusals.add(parameter + " '" + value + "' is not one of " + allowed));
            Optional.ofNullable(constraints.get("AllowedPattern")).map(String::valueOf)
                    .filter(pattern -> !java.util.regex.Pattern.compile(pattern).matcher(value).matches())
                    .ifPresent(pattern -> refusals.add(parameter + " '" + value + "' does not match " + pattern));
            bound(constraints, "MinValue").filter(min -> number(value) < min)
                    .ifPresent(min -> refusals.add(parameter + " " + value + " is below " + plain(min)));
            bound(constraints, "MaxValue").filter(max -> number(value) > max)
                    .ifPresent(max -> refusals.add(parameter + " " + value + " is above " + plain(max)));
            bound(constraints, "MinLength").filter(min -> value.length() < min)
                    .ifPresent(min -> refusals.add(parameter + " is shorter than " + min.intValue() + " characters"));
            bound(constraints, "MaxLength").filter(max -> value.length() > max)
                    .ifPresent(max -> refusals.add(parameter + " is longer than " + max.intValue() + " characters"));
        });
        return refusals;
    }

    private static Optional<Double> bound(Map<String, Object> constraints, String name) {
        return Optional.ofNullable(constraints.get(name)).map(String::valueOf).map(Double::parseDouble);
    }

    private static String plain(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
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
            case "Fn::FindInMap" -> LanguageExtensions.findInMap(template.mappings(),
                    CloudFormationTemplate.asList(argument).stream().map(this::resolve).toList());
            case "Fn::Split" -> {
                List<Object> split = CloudFormationTemplate.asList(argument);
                yield List.of(resolve(split.get(1)).split(Pattern.quote(resolve(split.get(0))), -1));
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
        return attribute(resolve(path.get(0)), resolve(path.get(1)));
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
