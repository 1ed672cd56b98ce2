package com.example.tests.template;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.eventbridge.EventPattern;
import com.example.local.lambda.FunctionConfiguration;
import com.example.local.lambda.LambdaService;
import com.example.local.stepfunctions.StateMachineDefinition;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.eventbridge.BusEvents;
import com.example.tests.local.AwsBackend;
import com.example.tests.local.InProcessFunction;
import com.example.tests.local.LocalImplementations;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The resources a test needs, created on a local backend from their definitions in the application's
 * templates (template.yaml and the service stacks it nests), under a stack name of their own so tests
 * never share state. A resource is named by its logical id where only one stack has it
 * ({@code OrdersTable}), or qualified by its stack ({@code OrdersService/OrdersTable}); a nested
 * stack's parameters resolve against the root's resources the test created (a service's
 * {@code EventBusName} is the platform's {@code EventBus}). Functions get the environment the
 * template gives them, resolved against these resources, and state machines their definition file
 * with the template's substitutions: what runs under test is wired exactly as it is when deployed.
 * Intrinsic functions resolve as the local run resolves them ({@link DeployedStack}).
 */
public final class TestStack {

    private final AwsBackend backend;
    private final AwsClients clients;
    private final String stackName;
    private final DeployedStack root;
    private String executionRoleArn;

    private TestStack(CloudFormationTemplate template, AwsBackend backend, Map<String, String> parameters) {
        this.backend = backend;
        this.clients = backend.clients();
        this.stackName = "t" + UUID.randomUUID().toString().substring(0, 8);
        this.root = new DeployedStack(template, stackName, backend.environment().get("AWS_REGION"),
                LocalImplementations.ACCOUNT_ID, parameters);
    }

    /** Creates the named resources of the application on the backend, in the order given. */
    public static TestStack deploy(AwsBackend backend, String... names) {
        return deploy(backend, Map.of(), names);
    }

    /** The same, with the root template's parameters overridden (the others take their defaults). */
    public static TestStack deploy(AwsBackend backend, Map<String, String> parameters, String... names) {
        TestStack stack = new TestStack(CloudFormationTemplate.load(ProjectFiles.resolve("template.yaml")), backend, parameters);
        for (String name : names) {
            stack.create(stack.root.locate(name));
        }
        return stack;
    }

    public String stackName() {
        return stackName;
    }

    public AwsClients clients() {
        return clients;
    }

    public String ref(String name) {
        DeployedStack.Located located = root.locate(name);
        return located.stack().ref(located.logicalId());
    }

    public String attribute(String name, String attribute) {
        DeployedStack.Located located = root.locate(name);
        return located.stack().attribute(located.logicalId(), attribute);
    }

    /** The variables the template sets for a function (Globals included), plus the backend's endpoints. */
    public LambdaEnvironment functionEnvironment(String functionName) {
        return LambdaEnvironment.of(functionVariables(root.locate(functionName)));
    }

    private Map<String, String> functionVariables(DeployedStack.Located function) {
        Map<String, String> variables = new LinkedHashMap<>(backend.environment());
        variables.putAll(environmentOf(function.stack(), function.stack().template().functionGlobals()));
        variables.putAll(environmentOf(function.stack(), function.resource().properties()));
        return variables;
    }

    /**
     * A test-only rule sending every event on the stack's bus to a queue the test reads: what
     * reached the bus, exactly as the bus delivered it.
     */
    public BusEvents captureBusEvents() {
        // The capture queue lives where the bus lives, whichever implementation serves the stack's queues.
        SqsClient sqs = backend.client(SqsClient.builder(), "EVENTBRIDGE");
        String queueUrl = sqs.createQueue(builder -> builder.queueName(stackName + "-bus-events")).queueUrl();
        String queueArn = sqs.getQueueAttributes(builder -> builder.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        try (EventBridgeClient events = backend.client(EventBridgeClient.builder(), "EVENTBRIDGE")) {
            String bus = ref("EventBus");
            events.putRule(builder -> builder.name(stackName + "-everything").eventBusName(bus)
                    .eventPattern("{\"source\":[{\"prefix\":\"com.example\"}]}"));
            events.putTargets(builder -> builder.rule(stackName + "-everything").eventBusName(bus)
                    .targets(Target.builder().id("test-queue").arn(queueArn).build()));
        }
        return new BusEvents(sqs, queueUrl);
    }

    private static Map<String, String> environmentOf(DeployedStack stack, Map<String, Object> properties) {
        Map<String, Object> environment = CloudFormationTemplate.map(properties, "Environment");
        Map<String, String> resolved = new LinkedHashMap<>();
        CloudFormationTemplate.map(environment, "Variables").forEach((name, value) -> resolved.put(name, stack.resolve(value)));
        return resolved;
    }

    private void create(DeployedStack.Located located) {
        DeployedStack stack = located.stack();
        Resource resource = located.resource();
        switch (resource.type()) {
            case "AWS::DynamoDB::Table" -> createTable(stack, resource);
            case "AWS::SSM::Parameter" -> createParameter(stack, resource);
            case "AWS::Events::EventBus" -> createEventBus(stack, resource);
            case "AWS::Serverless::Function" -> createFunction(located);
            case "AWS::Serverless::StateMachine" -> createStateMachine(stack, resource);
            case "AWS::SQS::Queue" -> createQueue(stack, resource);
            case "AWS::Events::Rule" -> createRule(stack, resource);
            case "AWS::SecretsManager::Secret" -> createSecret(stack, resource);
            case "AWS::S3::Bucket" -> createBucket(stack, resource);
            default -> throw new IllegalArgumentException("TestStack cannot create " + resource.type());
        }
    }

    @SuppressWarnings("unchecked")
    private void createTable(DeployedStack deployed, Resource table) {
        String name = deployed.name() + "-" + table.logicalId();
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
            deployed.putRef(table.logicalId(), name);
            deployed.putAttribute(table.logicalId(), "Arn", created.tableDescription().tableArn());
            if (created.tableDescription().latestStreamArn() != null) {
                deployed.putAttribute(table.logicalId(), "StreamArn", created.tableDescription().latestStreamArn());
            }
        }
    }

    private void createParameter(DeployedStack deployed, Resource parameter) {
        String name = deployed.resolve(parameter.property("Name").orElseThrow());
        try (var ssm = clients.ssm()) {
            ssm.putParameter(builder -> builder.name(name)
                    .type(ParameterType.fromValue(parameter.stringProperty("Type")))
                    .value(deployed.resolve(parameter.property("Value").orElseThrow())));
        }
        deployed.putRef(parameter.logicalId(), name);
    }

    private void createEventBus(DeployedStack deployed, Resource bus) {
        String name = deployed.resolve(bus.property("Name").orElseThrow());
        try (EventBridgeClient events = backend.client(EventBridgeClient.builder(), "EVENTBRIDGE")) {
            String arn = events.createEventBus(builder -> builder.name(name)).eventBusArn();
            deployed.putRef(bus.logicalId(), name);
            deployed.putAttribute(bus.logicalId(), "Arn", arn);
            deployed.putAttribute(bus.logicalId(), "Name", name);
        }
    }

    /**
     * A function of the template, deployed to the local run's Lambda service and run in this JVM: its
     * handler class is instantiated with the environment the template gives the function, and it
     * answers to its name, its ARN and its {@code live} alias, as AutoPublishAlias makes it.
     */
    private void createFunction(DeployedStack.Located located) {
        LambdaService lambdaService = backend.localLambda().orElseThrow(() -> new IllegalStateException(
                backend.name() + " does not run Lambda functions in the test JVM"));
        DeployedStack deployed = located.stack();
        Resource function = located.resource();
        String name = deployed.name() + "-" + function.logicalId();
        String handler = function.stringProperty("Handler");
        String arn = "arn:aws:lambda:" + deployed.region() + ":" + deployed.accountId() + ":function:" + name;
        Map<String, String> variables = functionVariables(located);
        FunctionConfiguration configuration = new FunctionConfiguration(located.qualifiedId(), name, arn, handler, "java25",
                512, Duration.ofSeconds(30), variables, Path.of("."), List.of(), false, OptionalInt.empty(),
                FunctionConfiguration.AsyncInvokeConfig.defaults(),
                new FunctionConfiguration.Logging("JSON", "INFO", "INFO", "/aws/lambda/" + name), List.of("live"));
        lambdaService.register(configuration, InProcessFunction.of(configuration), 4);
        deployed.putRef(function.logicalId(), name);
        deployed.putRef(function.logicalId() + ".Alias", arn + ":live");
        deployed.putAttribute(function.logicalId(), "Arn", arn);
    }

    private void createStateMachine(DeployedStack deployed, Resource stateMachine) {
        String name = deployed.name() + "-" + stateMachine.logicalId();
        Map<String, String> substitutions = new LinkedHashMap<>();
        CloudFormationTemplate.asMap(stateMachine.property("DefinitionSubstitutions").orElse(Map.of()))
                .forEach((placeholder, value) -> substitutions.put(placeholder, deployed.resolve(value)));
        String definition = StateMachineDefinition.read(deployed.template().file(stateMachine.stringProperty("DefinitionUri")),
                substitutions);
        try (SfnClient stepFunctions = clients.stepFunctions()) {
            String arn = stepFunctions.createStateMachine(builder -> builder.name(name).definition(definition)
                    .roleArn(executionRole())
                    .type(StateMachineType.fromValue((String) stateMachine.property("Type").orElse("STANDARD"))))
                    .stateMachineArn();
            deployed.putRef(stateMachine.logicalId(), arn);
            deployed.putAttribute(stateMachine.logicalId(), "Arn", arn);
            deployed.putAttribute(stateMachine.logicalId(), "Name", name);
        }
    }

    private void createQueue(DeployedStack deployed, Resource queue) {
        String name = deployed.name() + "-" + queue.logicalId();
        Map<String, String> attributes = new HashMap<>();
        queue.property("VisibilityTimeout").ifPresent(value -> attributes.put("VisibilityTimeout", deployed.resolve(value)));
        queue.property("MessageRetentionPeriod").ifPresent(value -> attributes.put("MessageRetentionPeriod", deployed.resolve(value)));
        queue.property("RedrivePolicy").ifPresent(policy -> {
            Map<String, Object> redrive = CloudFormationTemplate.asMap(policy);
            attributes.put("RedrivePolicy", Json.write(Map.of(
                    "deadLetterTargetArn", deployed.resolve(redrive.get("deadLetterTargetArn")),
                    "maxReceiveCount", Integer.parseInt(deployed.resolve(redrive.get("maxReceiveCount"))))));
        });
        try (SqsClient sqs = backend.client(SqsClient.builder(), "SQS")) {
            String url = sqs.createQueue(builder -> builder.queueName(name).attributesWithStrings(attributes)).queueUrl();
            String arn = sqs.getQueueAttributes(builder -> builder.queueUrl(url)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            deployed.putRef(queue.logicalId(), url);
            deployed.putAttribute(queue.logicalId(), "Arn", arn);
            deployed.putAttribute(queue.logicalId(), "QueueName", name);
        }
    }

    /** A rule of the template with its pattern and targets (the local EventBridge delivers to queues only). */
    @SuppressWarnings("unchecked")
    private void createRule(DeployedStack deployed, Resource rule) {
        String name = deployed.name() + "-" + rule.logicalId();
        String bus = deployed.resolve(rule.property("EventBusName").orElseThrow());
        String pattern = Json.write(deployed.resolveAll(rule.property("EventPattern").orElseThrow()));
        try (EventBridgeClient events = backend.client(EventBridgeClient.builder(), "EVENTBRIDGE")) {
            String arn = events.putRule(builder -> builder.name(name).eventBusName(bus).eventPattern(pattern)).ruleArn();
            List<Map<String, Object>> targets = (List<Map<String, Object>>) rule.property("Targets").orElse(List.of());
            events.putTargets(builder -> builder.rule(name).eventBusName(bus).targets(targets.stream()
                    .map(target -> software.amazon.awssdk.services.eventbridge.model.Target.builder()
                            .id(deployed.resolve(target.get("Id")))
                            .arn(deployed.resolve(target.get("Arn")))
                            .build())
                    .toList()));
            deployed.putRef(rule.logicalId(), name);
            deployed.putAttribute(rule.logicalId(), "Arn", arn);
        }
    }

    /** A secret like GenerateSecretString makes: 64 random letters and digits. */
    private void createSecret(DeployedStack deployed, Resource secret) {
        String name = deployed.name() + "-" + secret.logicalId();
        String value = new java.security.SecureRandom().ints(64, 0, 62)
                .mapToObj(index -> String.valueOf("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".charAt(index)))
                .collect(java.util.stream.Collectors.joining());
        try (var secretsManager = clients.secretsManager()) {
            String arn = secretsManager.createSecret(builder -> builder.name(name).secretString(value)).arn();
            deployed.putRef(secret.logicalId(), arn);
        }
    }

    private void createBucket(DeployedStack deployed, Resource bucket) {
        String name = (deployed.name() + "-" + bucket.logicalId()).toLowerCase(java.util.Locale.ROOT);
        try (var s3 = clients.s3()) {
            s3.createBucket(builder -> builder.bucket(name));
            if ("Enabled".equals(bucket.property("VersioningConfiguration", "Status").orElse(null))) {
                s3.putBucketVersioning(builder -> builder.bucket(name)
                        .versioningConfiguration(versioning -> versioning.status("Enabled")));
            }
        }
        deployed.putRef(bucket.logicalId(), name);
        deployed.putAttribute(bucket.logicalId(), "Arn", "arn:aws:s3:::" + name);
    }

    /** A value of a resource's definition resolved in the resource's stack (a rule's pattern names the stack's resources). */
    public Object resolveAll(String name, Object value) {
        return root.locate(name).stack().resolveAll(value);
    }

    /** One role for everything the stack runs; the local engines do not evaluate IAM. */
    private String executionRole() {
        if (executionRoleArn == null) {
            try (IamClient iam = backend.client(IamClient.builder(), "IAM")) {
                executionRoleArn = iam.createRole(builder -> builder.roleName(stackName + "-execution")
                        .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":{\"Service\":[\"lambda.amazonaws.com\",\"states.amazonaws.com\"]},"
                                + "\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
            }
        }
        return executionRoleArn;
    }
}
