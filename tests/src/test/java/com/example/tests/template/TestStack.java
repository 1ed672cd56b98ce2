package com.example.tests.template;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.tests.local.AwsBackend;
import com.example.tests.template.CloudFormationTemplate.Resource;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The resources a test needs, created on a local backend from their definitions in template.yaml,
 * under a stack name of their own so tests never share state. Functions get the environment the
 * template gives them, resolved against these resources: a handler under test is wired exactly as
 * it is when deployed.
 */
public final class TestStack {

    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}]+)}");

    private final CloudFormationTemplate template;
    private final AwsBackend backend;
    private final AwsClients clients;
    private final String stackName;
    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, String> attributes = new HashMap<>();

    private TestStack(CloudFormationTemplate template, AwsBackend backend) {
        this.template = template;
        this.backend = backend;
        this.clients = backend.clients();
        this.stackName = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates the named resources of template.yaml on the backend, in the order given. */
    public static TestStack deploy(AwsBackend backend, String... logicalIds) {
        TestStack stack = new TestStack(CloudFormationTemplate.load(), backend);
        for (String logicalId : logicalIds) {
            stack.create(stack.template.resource(logicalId));
        }
        return stack;
    }

    public String stackName() {
        return stackName;
    }

    public AwsClients clients() {
        return clients;
    }

    public String ref(String logicalId) {
        return lookup(refs, logicalId);
    }

    public String attribute(String logicalId, String attribute) {
        return lookup(attributes, logicalId + "." + attribute);
    }

    /** The variables the template sets for a function (Globals included), plus the backend's endpoints. */
    public LambdaEnvironment functionEnvironment(String functionLogicalId) {
        Map<String, String> variables = new LinkedHashMap<>(backend.environment());
        variables.putAll(environmentOf(template.functionGlobals()));
        variables.putAll(environmentOf(template.resource(functionLogicalId).properties()));
        return LambdaEnvironment.of(variables);
    }

    /** Resolves Ref, Fn::GetAtt and Fn::Sub against what this stack created. */
    public String resolve(Object value) {
        if (value instanceof String literal) {
            return literal;
        }
        Map<String, Object> intrinsic = CloudFormationTemplate.asMap(value);
        if (intrinsic.containsKey("Ref")) {
            return ref((String) intrinsic.get("Ref"));
        }
        if (intrinsic.get("Fn::GetAtt") instanceof List<?> path) {
            return attribute((String) path.get(0), (String) path.get(1));
        }
        if (intrinsic.get("Fn::Sub") instanceof String text) {
            return substitute(text);
        }
        throw new IllegalArgumentException("Cannot resolve " + value + " locally");
    }

    private Map<String, String> environmentOf(Map<String, Object> properties) {
        Map<String, Object> environment = CloudFormationTemplate.map(properties, "Environment");
        Map<String, String> resolved = new LinkedHashMap<>();
        CloudFormationTemplate.map(environment, "Variables").forEach((name, value) -> resolved.put(name, resolve(value)));
        return resolved;
    }

    private String substitute(String text) {
        Matcher matcher = SUBSTITUTION.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = switch (name) {
                case "AWS::StackName" -> stackName;
                case "AWS::Region" -> backend.environment().get("AWS_REGION");
                case "AWS::AccountId" -> "000000000000";
                case "AWS::Partition" -> "aws";
                case "AWS::URLSuffix" -> "amazonaws.com";
                default -> name.contains(".") ? attribute(name.substring(0, name.indexOf('.')),
                        name.substring(name.indexOf('.') + 1)) : ref(name);
            };
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private void create(Resource resource) {
        switch (resource.type()) {
            case "AWS::DynamoDB::Table" -> createTable(resource);
            case "AWS::SSM::Parameter" -> createParameter(resource);
            default -> throw new IllegalArgumentException("TestStack cannot create " + resource.type());
        }
    }

    @SuppressWarnings("unchecked")
    private void createTable(Resource table) {
        String name = stackName + "-" + table.logicalId();
        List<Map<String, String>> keys = (List<Map<String, String>>) table.property("KeySchema").orElseThrow();
        List<Map<String, String>> definitions = (List<Map<String, String>>) table.property("AttributeDefinitions").orElseThrow();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.fromValue((String) table.property("BillingMode").orElse("PAY_PER_REQUEST")))
                .keySchema(keys.stream().map(key -> KeySchemaElement.builder()
                        .attributeName(key.get("AttributeName")).keyType(key.get("KeyType")).build()).toList())
                .attributeDefinitions(definitions.stream().map(definition -> AttributeDefinition.builder()
                        .attributeName(definition.get("AttributeName"))
                        .attributeType(definition.get("AttributeType")).build()).toList());
        table.property("StreamSpecification", "StreamViewType").ifPresent(viewType -> request.streamSpecification(
                StreamSpecification.builder().streamEnabled(true).streamViewType((String) viewType).build()));
        try (DynamoDbClient dynamoDb = clients.dynamoDb()) {
            CreateTableResponse created = dynamoDb.createTable(request.build());
            dynamoDb.waiter().waitUntilTableExists(builder -> builder.tableName(name));
            refs.put(table.logicalId(), name);
            attributes.put(table.logicalId() + ".Arn", created.tableDescription().tableArn());
            if (created.tableDescription().latestStreamArn() != null) {
                attributes.put(table.logicalId() + ".StreamArn", created.tableDescription().latestStreamArn());
            }
        }
    }

    private void createParameter(Resource parameter) {
        String name = resolve(parameter.property("Name").orElseThrow());
        try (var ssm = clients.ssm()) {
            ssm.putParameter(builder -> builder.name(name)
                    .type(ParameterType.fromValue(parameter.stringProperty("Type")))
                    .value(resolve(parameter.property("Value").orElseThrow())));
        }
        refs.put(parameter.logicalId(), name);
    }

    private static String lookup(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " was not created in this test stack; deploy it first");
        }
        return value;
    }
}
