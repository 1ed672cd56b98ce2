package com.example.local.stack;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

import com.example.local.Json;
import com.example.local.LocalCloud;
import com.example.local.apigateway.GatewayResponses;
import com.example.local.apigateway.RequestModel;
import com.example.local.apigateway.RestApi;
import com.example.local.apigateway.Route;
import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.cloudwatch.QueueDepthAlarm;
import com.example.local.eventbridge.InputTransformer;
import com.example.local.eventbridge.Target;
import com.example.local.iam.ResourcePolicy;
import com.example.local.lambda.FunctionConfiguration;
import com.example.local.lambda.FunctionRuntime;
import com.example.local.pipes.PipeTransformation;
import com.example.local.pipes.StreamPipe;
import com.example.local.pipes.StreamRecords;
import com.example.local.sqs.SqsEventSourceMapping;
import com.example.local.stepfunctions.StateMachineDefinition;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Deploys a SAM template onto a {@link LocalCloud}, as CloudFormation would deploy it onto AWS:
 * resources in dependency order, each created through its service's API, with the physical ids
 * and attributes the template's references resolve to. A nested stack is deployed the same way,
 * with the parameters its parent passes, and its outputs become the parent's attributes. Functions
 * get their configuration from the template (Globals merged) and run on what {@link FunctionRuntimes}
 * gives them; their events become API routes, event source mappings and rules. {@link TemplateSupport}
 * names, before anything is created, what the local run cannot emulate; a resource type that has no
 * local effect (IAM, log groups, most alarms) is listed with its reason.
 */
public final class TemplateDeployment {

    /** What runs a function's code once it is deployed. */
    @FunctionalInterface
    public interface FunctionRuntimes {
        FunctionRuntime start(FunctionConfiguration function);
    }

    /** Resource types that exist in AWS but change nothing locally, with the reason. */
    public static final Map<String, String> WITHOUT_LOCAL_EFFECT = Map.ofEntries(
            Map.entry("AWS::IAM::Role", "IAM is not evaluated locally: every call is allowed"),
            Map.entry("AWS::IAM::Policy", "IAM is not evaluated locally: every call is allowed"),
            Map.entry("AWS::IAM::ManagedPolicy", "IAM is not evaluated locally: every call is allowed"),
            Map.entry("AWS::SQS::QueuePolicy", "resource policies are not evaluated locally"),
            Map.entry("AWS::S3::BucketPolicy", "resource policies are not evaluated locally"),
            Map.entry("AWS::Lambda::Permission", "resource policies are not evaluated locally"),
            Map.entry("AWS::Logs::LogGroup", "logs are files under .local/logs"),
            Map.entry("AWS::Logs::DeliverySource", "the bus's own logs: the trace shows every event and delivery"),
            Map.entry("AWS::Logs::DeliveryDestination", "the bus's own logs: the trace shows every event and delivery"),
            Map.entry("AWS::Logs::Delivery", "the bus's own logs: the trace shows every event and delivery"),
            Map.entry("AWS::Logs::ResourcePolicy", "resource policies are not evaluated locally"),
            Map.entry("AWS::SNS::Topic", "alarm notifications are traced, not published"),
            Map.entry("AWS::SNS::Subscription", "alarm notifications are traced, not published"),
            Map.entry("AWS::ApiGateway::Account", "API Gateway's account settings: the access log is a file under .local/logs"),
            Map.entry("AWS::CloudWatch::Dashboard", "there is no CloudWatch locally"),
            Map.entry("AWS::CodeDeploy::Application", "deployments are instant locally"),
            Map.entry("AWS::CodeDeploy::DeploymentGroup", "deployments are instant locally"));


    private final DeployedStack stack;
    private final LocalCloud cloud;
    private final Path buildDirectory;
    private final FunctionRuntimes runtimes;
    private final Trace trace;
    private final int localConcurrency;
    private final URI apiEndpoint;
    private final LayerVersions layers;
    private final Map<String, FunctionConfiguration> functions = new LinkedHashMap<>();
    private final Map<String, FunctionRuntime> runtimesStarted = new LinkedHashMap<>();
    private final List<StreamPipe> pipes = new ArrayList<>();
    private final List<SqsEventSourceMapping> mappings = new ArrayList<>();
    private final List<QueueDepthAlarm> alarms = new ArrayList<>();
    private final List<String> stateMachines = new ArrayList<>();
    private final Map<String, List<String>> withoutLocalEffect = new LinkedHashMap<>();
    private final Map<String, ApiDefinition> apis = new LinkedHashMap<>();
    private final Map<String, TemplateDeployment> nestedDeployments = new LinkedHashMap<>();
    private final List<String> stateMachineRoles = new ArrayList<>();

    /**
     * @param buildDirectory   {@code sam build}'s output: each function's and layer's artifact under its
     *                         qualified logical id ({@code OrdersService/PlaceOrderFunction})
     * @param localConcurrency how many invocations of one function this machine runs at once: it bounds
     *                         the pollers of an event source mapping and the workers of an asynchronous queue
     * @param apiEndpoint      where the local API Gateway listens: each API's stage is a path under it
     */
    public TemplateDeployment(DeployedStack stack, LocalCloud cloud, Path buildDirectory, FunctionRuntimes runtimes, Trace trace,
                              int localConcurrency, URI apiEndpoint) {
        this.stack = stack;
        this.cloud = cloud;
        this.buildDirectory = buildDirectory;
        this.runtimes = runtimes;
        this.trace = trace;
        this.localConcurrency = localConcurrency;
        this.apiEndpoint = apiEndpoint;
        this.layers = cloud.layers();
    }

    // ---------------------------------------------------------------- deploying

    /** Creates every resource of the template (those whose condition holds), in dependency order. */
    public void deployAll() {
        Set<String> included = new LinkedHashSet<>();
        stack.template().resources().values().stream().filter(stack::includes).forEach(resource -> included.add(resource.logicalId()));
        deploy(included);
    }

    /** Creates the named resources only, in dependency order (the tests deploy what they exercise). */
    public void deploy(Set<String> logicalIds) {
        for (Resource resource : ResourceOrder.of(stack.template(), logicalIds)) {
            create(resource);
        }
    }

    private void create(Resource resource) {
        switch (resource.type()) {
            case "AWS::DynamoDB::Table" -> createTable(resource);
            case "AWS::SQS::Queue" -> createQueue(resource);
            case "AWS::SSM::Parameter" -> createParameter(resource);
            case "AWS::SecretsManager::Secret" -> createSecret(resource);
            case "AWS::S3::Bucket" -> createBucket(resource);
            case "AWS::Events::EventBus" -> createEventBus(resource);
            case "AWS::Events::Archive" -> createArchive(resource);
            case "AWS::Events::Rule" -> createRule(resource);
            case "AWS::Events::EventBusPolicy" -> createBusPolicy(resource);
            case "AWS::Pipes::Pipe" -> createPipe(resource);
            case "AWS::Serverless::LayerVersion" -> createLayer(resource);
            case "AWS::Serverless::Api" -> createApi(resource);
            case "AWS::Serverless::Function" -> createFunction(resource);
            case "AWS::Serverless::StateMachine" -> createStateMachine(resource);
            case "AWS::CloudWatch::Alarm" -> createAlarm(resource);
            case "AWS::Serverless::Application", "AWS::CloudFormation::Stack" -> createNestedStack(resource);
            default -> recordWithoutLocalEffect(resource);
        }
    }

    private void createTable(Resource table) {
        try (var dynamoDb = cloud.dynamoDb()) {
            TableDefinition.of(table, stack).deploy(dynamoDb, stack);
        }
    }

    private void createQueue(Resource queue) {
        String name = resource(queue, "QueueName", 80);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
                "ReceiveMessageWaitTimeSeconds")) {
            queue.property(attribute).ifPresent(value -> attributes.put(attribute, stack.resolve(value)));
        }
        queue.property("RedrivePolicy").ifPresent(policy -> {
            Map<String, Object> redrive = CloudFormationTemplate.asMap(stack.resolveAll(policy));
            attributes.put("RedrivePolicy", Json.write(Map.of(
                    "deadLetterTargetArn", redrive.get("deadLetterTargetArn"),
                    "maxReceiveCount", Integer.parseInt(String.valueOf(redrive.get("maxReceiveCount"))))));
        });
        try (var sqs = cloud.sqs()) {
            String url = sqs.createQueue(builder -> builder.queueName(name).attributesWithStrings(attributes)).queueUrl();
            String arn = sqs.getQueueAttributes(builder -> builder.queueUrl(url)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            stack.putRef(queue.logicalId(), url);
            stack.putAttribute(queue.logicalId(), "Arn", arn);
            stack.putAttribute(queue.logicalId(), "QueueName", name);
            stack.putAttribute(queue.logicalId(), "QueueUrl", url);
        }
    }

    private void createParameter(Resource parameter) {
        String name = parameter.property("Name").map(stack::resolve).orElse("/" + physicalName(parameter.logicalId(), 1000));
        try (var ssm = cloud.ssm()) {
            ssm.putParameter(builder -> builder.name(name)
                    .type(ParameterType.fromValue(parameter.stringProperty("Type")))
                    .value(stack.resolve(parameter.property("Value").orElseThrow())));
        }
        stack.putRef(parameter.logicalId(), name);
        stack.putAttribute(parameter.logicalId(), "Type", parameter.stringProperty("Type"));
    }

    /** A secret as CloudFormation makes it: its SecretString, or one GenerateSecretString generates. */
    private void createSecret(Resource secret) {
        String name = secret.property("Name").map(stack::resolve).orElse(physicalName(secret.logicalId(), 200));
        String value = secret.property("SecretString").map(stack::resolve)
                .orElseGet(() -> generated(CloudFormationTemplate.asMap(stack.resolveAll(secret.property("GenerateSecretString")
                        .orElse(Map.of())))));
        try (var secretsManager = cloud.secretsManager()) {
            String arn = secretsManager.createSecret(builder -> builder.name(name).secretString(value)).arn();
            stack.putRef(secret.logicalId(), arn);
            stack.putAttribute(secret.logicalId(), "Id", arn);
        }
    }

    private static String generated(Map<String, Object> options) {
        StringBuilder alphabet = new StringBuilder();
        if (!Boolean.parseBoolean(String.valueOf(options.getOrDefault("ExcludeUppercase", false)))) {
            alphabet.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
        if (!Boolean.parseBoolean(String.valueOf(options.getOrDefault("ExcludeLowercase", false)))) {
            alphabet.append("abcdefghijklmnopqrstuvwxyz");
        }
        if (!Boolean.parseBoolean(String.valueOf(options.getOrDefault("ExcludeNumbers", false)))) {
            alphabet.append("0123456789");
        }
        if (!Boolean.parseBoolean(String.valueOf(options.getOrDefault("ExcludePunctuation", false)))) {
            alphabet.append("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
        }
        String excluded = String.valueOf(options.getOrDefault("ExcludeCharacters", ""));
        String characters = alphabet.chars().filter(c -> excluded.indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        int length = Integer.parseInt(String.valueOf(options.getOrDefault("PasswordLength", 32)));
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < length; i++) {
            password.append(characters.charAt(random.nextInt(characters.length())));
        }
        if (options.containsKey("SecretStringTemplate") && options.containsKey("GenerateStringKey")) {
            var template = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(String.valueOf(options.get("SecretStringTemplate")));
            template.put(String.valueOf(options.get("GenerateStringKey")), password.toString());
            return Json.write(template);
        }
        return password.toString();
    }

    private void createBucket(Resource bucket) {
        String name = bucket.property("BucketName").map(stack::resolve)
                .orElse(physicalName(bucket.logicalId(), 63).toLowerCase(Locale.ROOT));
        try (var s3 = cloud.s3()) {
            s3.createBucket(builder -> builder.bucket(name));
            if ("Enabled".equals(bucket.property("VersioningConfiguration", "Status").map(stack::resolve).orElse(null))) {
                s3.putBucketVersioning(builder -> builder.bucket(name)
                        .versioningConfiguration(versioning -> versioning.status("Enabled")));
            }
        }
        if ("true".equals(bucket.property("NotificationConfiguration", "EventBridgeConfiguration", "EventBridgeEnabled")
                .map(stack::resolve).orElse("false"))) {
            cloud.notifications().enableEventBridge(name);
        }
        stack.putRef(bucket.logicalId(), name);
        stack.putAttribute(bucket.logicalId(), "Arn", "arn:aws:s3:::" + name);
        stack.putAttribute(bucket.logicalId(), "DomainName", name + ".s3.amazonaws.com");
    }

    private void createEventBus(Resource bus) {
        String name = stack.resolve(bus.property("Name").orElseThrow());
        String arn = cloud.eventBridge().createEventBus(name);
        stack.putRef(bus.logicalId(), name);
        stack.putAttribute(bus.logicalId(), "Arn", arn);
        stack.putAttribute(bus.logicalId(), "Name", name);
    }

    private void createArchive(Resource archive) {
        String name = archive.property("ArchiveName").map(stack::resolve).orElse(physicalName(archive.logicalId(), 48));
        String arn = cloud.eventBridge().createArchive(name, stack.resolve(archive.property("SourceArn").orElseThrow()),
                archive.property("EventPattern").map(pattern -> Json.write(stack.resolveAll(pattern))),
                Integer.parseInt(archive.property("RetentionDays").map(stack::resolve).orElse("0")));
        stack.putRef(archive.logicalId(), name);
        stack.putAttribute(archive.logicalId(), "Arn", arn);
        stack.putAttribute(archive.logicalId(), "ArchiveName", name);
    }

    private void createRule(Resource rule) {
        String name = rule.property("Name").map(stack::resolve).orElse(physicalName(rule.logicalId(), 64));
        String bus = rule.property("EventBusName").map(stack::resolve).orElse("default");
        String arn = cloud.eventBridge().putRule(bus, name, Json.write(stack.resolveAll(rule.property("EventPattern").orElseThrow())),
                rule.property("State").map(stack::resolve).orElse("ENABLED"), rule.property("Description").map(stack::resolve).orElse(""));
        for (Object target : rule.property("Targets").map(CloudFormationTemplate::asList).orElse(List.of())) {
            Map<String, Object> resolvedTarget = CloudFormationTemplate.asMap(stack.resolveAll(target));
            cloud.eventBridge().putTarget(bus, name, target(String.valueOf(resolvedTarget.get("Id")),
                    String.valueOf(resolvedTarget.get("Arn")), resolvedTarget));
        }
        stack.putRef(rule.logicalId(), name);
        stack.putAttribute(rule.logicalId(), "Arn", arn);
    }

    private static Target target(String id, String arn, Map<String, Object> definition) {
        Map<String, Object> retry = CloudFormationTemplate.map(definition, "RetryPolicy");
        return new Target(id, arn,
                Optional.ofNullable(retry.get("MaximumRetryAttempts")).map(value -> Integer.parseInt(String.valueOf(value)))
                        .orElse(Target.DEFAULT_RETRY_ATTEMPTS),
                Optional.ofNullable(retry.get("MaximumEventAgeInSeconds"))
                        .map(value -> Duration.ofSeconds(Long.parseLong(String.valueOf(value)))).orElse(Target.DEFAULT_EVENT_AGE),
                Optional.ofNullable(CloudFormationTemplate.map(definition, "DeadLetterConfig").get("Arn")).map(String::valueOf),
                Optional.of(CloudFormationTemplate.map(definition, "InputTransformer")).filter(transformer -> !transformer.isEmpty())
                        .map(transformer -> new InputTransformer(CloudFormationTemplate.map(transformer, "InputPathsMap").entrySet()
                                .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue()))),
                                String.valueOf(transformer.get("InputTemplate")))));
    }

    private void createPipe(Resource pipe) {
        String name = pipe.property("Name").map(stack::resolve).orElse(physicalName(pipe.logicalId(), 64));
        String arn = "arn:aws:pipes:" + stack.region() + ":" + stack.accountId() + ":pipe/" + name;
        Map<String, Object> source = CloudFormationTemplate.asMap(stack.resolveAll(pipe.property("SourceParameters").orElseThrow()));
        Map<String, Object> streamParameters = CloudFormationTemplate.map(source, "DynamoDBStreamParameters");
        Map<String, Object> target = CloudFormationTemplate.asMap(stack.resolveAll(pipe.property("TargetParameters").orElseThrow()));
        Map<String, Object> busParameters = CloudFormationTemplate.map(target, "EventBridgeEventBusParameters");
        String streamArn = stack.resolve(pipe.property("Source").orElseThrow());
        int retries = Integer.parseInt(String.valueOf(streamParameters.getOrDefault("MaximumRetryAttempts", -1)));
        StreamPipe.Definition definition = new StreamPipe.Definition(name, arn, streamArn,
                Integer.parseInt(String.valueOf(streamParameters.getOrDefault("BatchSize", 100))),
                retries < 0 ? Integer.MAX_VALUE : retries,
                Optional.ofNullable(CloudFormationTemplate.map(streamParameters, "DeadLetterConfig").get("Arn")).map(String::valueOf),
                PipeTransformation.of(pipe),
                stack.resolve(pipe.property("Target").orElseThrow()),
                String.valueOf(busParameters.get("Source")), String.valueOf(busParameters.get("DetailType")));
        // The pipe puts its events as its role, which the bus's policy may name.
        String pipeRole = stack.resolve(pipe.property("RoleArn").orElseThrow());
        ShardIteratorType start = ShardIteratorType.fromValue(String.valueOf(streamParameters.getOrDefault("StartingPosition", "LATEST")));
        StreamPipe running = new StreamPipe(definition, new StreamRecords(cloud.dynamoDbStreams(), streamArn, stack.region(), start),
                new StreamPipe.Targets() {
                    @Override
                    public JsonNode putEvents(com.fasterxml.jackson.databind.node.ArrayNode entries) {
                        return cloud.eventBridge().putEvents(entries, pipeRole);
                    }

                    @Override
                    public void deadLetter(String queueArn, String message) {
                        cloud.queues().send(queueArn, message);
                    }
                }, trace);
        pipes.add(running);
        stack.putRef(pipe.logicalId(), name);
        stack.putAttribute(pipe.logicalId(), "Arn", arn);
    }

    private void createLayer(Resource layer) {
        layers.publish(stack, layer, buildDirectory);
    }

    /**
     * A nested stack, deployed as CloudFormation deploys one: all of its resources, with the parameters
     * this stack passes; its outputs become this stack's {@code Fn::GetAtt <LogicalId>.Outputs.<Name>}.
     */
    private void createNestedStack(Resource application) {
        DeployedStack child = stack.nested(application.logicalId());
        List<String> refused = child.refusedParameters();
        if (!refused.isEmpty()) {
            throw new IllegalStateException(application.logicalId() + " refuses the parameters it is passed (CloudFormation "
                    + "would fail the nested stack):\n  - " + String.join("\n  - ", refused));
        }
        TemplateDeployment deployment = new TemplateDeployment(child, cloud, buildDirectory, runtimes, trace, localConcurrency,
                apiEndpoint);
        nestedDeployments.put(application.logicalId(), deployment);
        deployment.deployAll();
        stack.putRef(application.logicalId(), child.stackId());
        deployment.outputs().forEach((name, output) -> stack.putAttribute(application.logicalId(), "Outputs." + name, output.value()));
    }

    private void createApi(Resource api) {
        String id = HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        apis.put(api.logicalId(), new ApiDefinition(api, id));
        stack.putRef(api.logicalId(), id);
        stack.putAttribute(api.logicalId(), "RootResourceId", "root");
    }

    private void createFunction(Resource resource) {
        SamFunction function = new SamFunction(resource, stack.template().functionGlobals());
        FunctionConfiguration configuration = new FunctionDefinitions(stack, buildDirectory, layers)
                .configuration(resource.logicalId(), withRoleCredentials(resource.logicalId()), Optional.empty());
        String aliasArn = configuration.arn() + (configuration.qualifiers().contains("live") ? ":live" : "");
        stack.putRef(resource.logicalId(), configuration.name());
        stack.putRef(resource.logicalId() + ".Alias", aliasArn);
        stack.putRef(resource.logicalId() + ".Version", configuration.arn() + ":1");
        stack.putAttribute(resource.logicalId(), "Arn", configuration.arn());
        FunctionRuntime runtime = runtimes.start(configuration);
        runtimesStarted.put(configuration.logicalId(), runtime);
        functions.put(configuration.logicalId(), configuration);
        cloud.lambda().register(configuration, runtime, localConcurrency);
        function.events().forEach((eventName, event) -> createFunctionEvent(function, configuration, aliasArn, eventName,
                CloudFormationTemplate.asMap(event)));
    }

    /**
     * Lambda's environment for a function, with its execution role's credentials as Lambda gives them:
     * a session of the role SAM creates for it ({@code <Function>Role}), issued by the local STS, so
     * the policies the local run evaluates (a bus's) see the function as its role.
     */
    private Map<String, String> withRoleCredentials(String functionId) {
        String role = roleOf(functionId);
        Map<String, String> environment = new LinkedHashMap<>(cloud.lambdaEnvironment());
        try (var sts = cloud.sts()) {
            var credentials = sts.assumeRole(builder -> builder.roleArn(role).roleSessionName(physicalName(functionId, 64)))
                    .credentials();
            environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
            environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            environment.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        }
        return environment;
    }

    /** The role SAM creates for a function or state machine, {@code <LogicalId>Role}, named and referable. */
    private String roleOf(String logicalId) {
        String name = physicalName(logicalId + "Role", 64);
        stack.putRef(logicalId + "Role", name);
        stack.putAttribute(logicalId + "Role", "Arn", roleArn(name));
        return roleArn(name);
    }

    private String roleArn(String name) {
        return "arn:aws:iam::" + stack.accountId() + ":role/" + name;
    }

    /** A statement of a bus's resource policy. */
    private void createBusPolicy(Resource policy) {
        String bus = policy.property("EventBusName").map(stack::resolve).orElse("default");
        String statementId = stack.resolve(policy.property("StatementId").orElseThrow());
        cloud.eventBridge().putPolicyStatement(bus, statementId,
                CloudFormationTemplate.asMap(stack.resolveAll(policy.property("Statement").orElseThrow())));
        stack.putRef(policy.logicalId(), statementId);
    }

    private void createFunctionEvent(SamFunction function, FunctionConfiguration configuration, String aliasArn, String eventName,
                                     Map<String, Object> event) {
        Map<String, Object> properties = CloudFormationTemplate.asMap(stack.resolveAll(
                CloudFormationTemplate.map(event, "Properties")));
        switch (String.valueOf(event.get("Type"))) {
            case "Api" -> {
                String apiId = String.valueOf(CloudFormationTemplate.asMap(CloudFormationTemplate.map(event, "Properties")
                        .getOrDefault("RestApiId", Map.of("Ref", "ServerlessRestApi"))).get("Ref"));
                ApiDefinition api = apis.get(apiId);
                if (api == null) {
                    throw new IllegalStateException(function.logicalId() + "." + eventName + " names API " + apiId
                            + ", which is not deployed; deploy it with the function");
                }
                Map<String, Object> model = CloudFormationTemplate.map(properties, "RequestModel");
                Optional<RequestModel> requestModel = Optional.ofNullable(model.get("Model")).map(String::valueOf)
                        .filter(modelName -> Boolean.parseBoolean(String.valueOf(model.getOrDefault("ValidateBody", true))))
                        .map(api::model);
                api.routes.add(new Route(String.valueOf(properties.get("Method")).toUpperCase(Locale.ROOT),
                        String.valueOf(properties.get("Path")), configuration.logicalId(), aliasArn, requestModel));
            }
            case "SQS" -> {
                String queueArn = String.valueOf(properties.get("Queue"));
                Map<String, Object> scaling = CloudFormationTemplate.map(properties, "ScalingConfig");
                List<?> responseTypes = (List<?>) properties.getOrDefault("FunctionResponseTypes", List.of());
                int concurrency = Math.min(localConcurrency,
                        Integer.parseInt(String.valueOf(scaling.getOrDefault("MaximumConcurrency", 1000))));
                SqsEventSourceMapping mapping = new SqsEventSourceMapping(new SqsEventSourceMapping.Definition(
                        configuration.logicalId(), aliasArn, queueArn, cloud.queues().url(queueArn),
                        Integer.parseInt(String.valueOf(properties.getOrDefault("BatchSize", 10))),
                        Duration.ofSeconds(Long.parseLong(String.valueOf(properties.getOrDefault("MaximumBatchingWindowInSeconds", 0)))),
                        responseTypes.contains("ReportBatchItemFailures"), concurrency),
                        cloud.sqs(), cloud.lambda()::invoke, trace, stack.region());
                mappings.add(mapping);
            }
            case "EventBridgeRule" -> createEventRule(function.logicalId(), eventName, properties, aliasArn);
            default -> throw new IllegalStateException(function.logicalId() + "." + eventName + ": not emulated");
        }
    }

    private void createEventRule(String ownerId, String eventName, Map<String, Object> properties, String targetArn) {
        String bus = String.valueOf(properties.getOrDefault("EventBusName", "default"));
        String name = Optional.ofNullable(properties.get("RuleName")).map(String::valueOf)
                .orElse(physicalName(ownerId + eventName, 64));
        String arn = cloud.eventBridge().putRule(bus, name, Json.write(properties.get("Pattern")),
                String.valueOf(properties.getOrDefault("State", "ENABLED")), "");
        String targetId = String.valueOf(CloudFormationTemplate.map(properties, "Target")
                .getOrDefault("Id", ownerId + eventName + "Target"));
        cloud.eventBridge().putTarget(bus, name, target(targetId, targetArn, properties));
        stack.putRef(ownerId + eventName, name);
        stack.putAttribute(ownerId + eventName, "Arn", arn);
    }

    private void createStateMachine(Resource stateMachine) {
        String name = stateMachine.property("Name").map(stack::resolve).orElse(physicalName(stateMachine.logicalId(), 80));
        Map<String, String> substitutions = new LinkedHashMap<>();
        CloudFormationTemplate.asMap(stateMachine.property("DefinitionSubstitutions").orElse(Map.of()))
                .forEach((placeholder, value) -> substitutions.put(placeholder, stack.resolve(value)));
        String finalDefinition = stateMachine.property("DefinitionUri")
                .map(uri -> StateMachineDefinition.read(stack.template().file(stack.resolve(uri)), substitutions))
                .orElseGet(() -> StateMachineDefinition.substituted(Json.write(stack.resolveAll(stateMachine.property("Definition")
                        .orElseThrow())), substitutions));
        String type = stateMachine.property("Type").map(stack::resolve).orElse("STANDARD");
        try (var stepFunctions = cloud.stepFunctions()) {
            String role = roleOf(stateMachine.logicalId());
            stateMachineRoles.add(role);
            String arn = stepFunctions.createStateMachine(builder -> builder.name(name).definition(finalDefinition)
                    .roleArn(role)
                    .type(StateMachineType.fromValue(type))).stateMachineArn();
            stack.putRef(stateMachine.logicalId(), arn);
            stack.putAttribute(stateMachine.logicalId(), "Arn", arn);
            stack.putAttribute(stateMachine.logicalId(), "Name", name);
            stateMachines.add(arn);
            CloudFormationTemplate.map(stateMachine.properties(), "Events").forEach((eventName, event) -> createEventRule(
                    stateMachine.logicalId(), eventName, CloudFormationTemplate.asMap(stack.resolveAll(
                            CloudFormationTemplate.map(CloudFormationTemplate.asMap(event), "Properties"))), arn));
        }
    }

    private void createAlarm(Resource alarm) {
        String name = alarm.property("AlarmName").map(stack::resolve).orElse(physicalName(alarm.logicalId(), 255));
        stack.putRef(alarm.logicalId(), name);
        stack.putAttribute(alarm.logicalId(), "Arn", "arn:aws:cloudwatch:" + stack.region() + ":" + stack.accountId() + ":alarm:" + name);
        Map<String, Object> resolved = CloudFormationTemplate.asMap(stack.resolveAll(alarm.properties()));
        Optional<QueueDepthAlarm> queueDepth = QueueDepthAlarm.of(alarm.logicalId(), resolved);
        queueDepth.ifPresentOrElse(alarms::add, () -> withoutLocalEffect(alarm.logicalId(),
                "alarms on other metrics than a queue's depth are not evaluated locally"));
    }

    private void recordWithoutLocalEffect(Resource resource) {
        String type = resource.type();
        withoutLocalEffect(resource.logicalId(), type + ": " + WITHOUT_LOCAL_EFFECT.get(type));
        String name = physicalName(resource.logicalId(), 64);
        switch (type) {
            case "AWS::Logs::LogGroup" -> {
                String group = resource.property("LogGroupName").map(stack::resolve).orElse(name);
                stack.putRef(resource.logicalId(), group);
                stack.putAttribute(resource.logicalId(), "Arn", "arn:aws:logs:" + stack.region() + ":" + stack.accountId()
                        + ":log-group:" + group + ":*");
            }
            case "AWS::IAM::Role" -> {
                stack.putRef(resource.logicalId(), name);
                stack.putAttribute(resource.logicalId(), "Arn", roleArn(name));
            }
            case "AWS::SNS::Topic" -> {
                String arn = "arn:aws:sns:" + stack.region() + ":" + stack.accountId() + ":" + name;
                stack.putRef(resource.logicalId(), arn);
                stack.putAttribute(resource.logicalId(), "TopicArn", arn);
                stack.putAttribute(resource.logicalId(), "TopicName", name);
            }
            default -> stack.putRef(resource.logicalId(), name);
        }
    }

    // ---------------------------------------------------------------- what was deployed
    // Each answers for this stack and every stack nested in it.

    public DeployedStack stack() {
        return stack;
    }

    /** The functions, by qualified logical id ({@code OrdersService/PlaceOrderFunction}). */
    public Map<String, FunctionConfiguration> functions() {
        Map<String, FunctionConfiguration> all = new LinkedHashMap<>(functions);
        nestedDeployments.values().forEach(nested -> all.putAll(nested.functions()));
        return all;
    }

    public Map<String, FunctionRuntime> functionRuntimes() {
        Map<String, FunctionRuntime> all = new LinkedHashMap<>(runtimesStarted);
        nestedDeployments.values().forEach(nested -> all.putAll(nested.functionRuntimes()));
        return all;
    }

    public List<StreamPipe> pipes() {
        return collected(pipes, TemplateDeployment::pipes);
    }

    public List<SqsEventSourceMapping> eventSourceMappings() {
        return collected(mappings, TemplateDeployment::eventSourceMappings);
    }

    public List<QueueDepthAlarm> alarms() {
        return collected(alarms, TemplateDeployment::alarms);
    }

    public List<String> stateMachines() {
        return collected(stateMachines, TemplateDeployment::stateMachines);
    }

    /** The roles of the state machines of this stack and its nested ones, as their integrations' calls are made. */
    public List<String> stateMachineRoles() {
        return collected(stateMachineRoles, TemplateDeployment::stateMachineRoles);
    }

    private <T> List<T> collected(List<T> own, Function<TemplateDeployment, List<T>> ofNested) {
        List<T> all = new ArrayList<>(own);
        nestedDeployments.values().forEach(nested -> all.addAll(ofNested.apply(nested)));
        return all;
    }

    /** Resources that exist in AWS but have no local effect, by the reason. */
    public Map<String, List<String>> withoutLocalEffect() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        withoutLocalEffect.forEach((reason, ids) -> all.computeIfAbsent(reason, key -> new ArrayList<>()).addAll(ids));
        nestedDeployments.values().forEach(nested -> nested.withoutLocalEffect().forEach((reason, ids) ->
                all.computeIfAbsent(reason, key -> new ArrayList<>()).addAll(ids)));
        return all;
    }

    private void withoutLocalEffect(String logicalId, String reason) {
        withoutLocalEffect.computeIfAbsent(reason, key -> new ArrayList<>()).add(stack.qualified(logicalId));
    }

    /** Every REST API's stage, as deployed, in the order of the templates. */
    public List<RestApi.Stage> apiStages() {
        List<RestApi.Stage> stages = new ArrayList<>(apis.values().stream().map(ApiDefinition::stage).toList());
        nestedDeployments.values().forEach(nested -> stages.addAll(nested.apiStages()));
        return stages;
    }

    /** The template's outputs (those whose condition holds), resolved; an API's URL is its stage under the local API Gateway's address. */
    public Map<String, Output> outputs() {
        Map<String, Output> outputs = new LinkedHashMap<>();
        stack.template().outputs().forEach((name, body) -> {
            Map<String, Object> output = CloudFormationTemplate.asMap(body);
            if (output.get("Condition") instanceof String condition && !stack.condition(condition)) {
                return;
            }
            Object value = output.get("Value");
            String resolved = namesApi(value).map(api -> apiEndpoint.resolve("/" + apis.get(api).stageName()).toString())
                    .orElseGet(() -> stack.resolve(value));
            outputs.put(name, new Output(resolved, String.valueOf(output.getOrDefault("Description", ""))));
        });
        return outputs;
    }

    /** An output value and its description. */
    public record Output(String value, String description) {
    }

    /** An execute-api URL cannot be built from template values locally: it is the local API Gateway's address. */
    private Optional<String> namesApi(Object value) {
        String text = Json.write(value);
        return text.contains("execute-api") ? apis.keySet().stream().filter(text::contains).findFirst() : Optional.empty();
    }

    // ---------------------------------------------------------------- helpers

    private Optional<Object> resolved(Resource resource, String... path) {
        return resource.property(path).map(stack::resolveAll);
    }

    private String resource(Resource resource, String nameProperty, int maxLength) {
        return resource.property(nameProperty).map(stack::resolve).orElse(physicalName(resource.logicalId(), maxLength));
    }

    private String physicalName(String logicalId, int maxLength) {
        return FunctionDefinitions.physicalName(stack, logicalId, maxLength);
    }

    /** An API as the template defines it, and the routes its functions add. */
    private final class ApiDefinition {
        private final Resource resource;
        private final String id;
        private final List<Route> routes = new ArrayList<>();
        private final Map<String, RequestModel> models = new LinkedHashMap<>();

        ApiDefinition(Resource resource, String id) {
            this.resource = resource;
            this.id = id;
        }

        RequestModel model(String name) {
            return models.computeIfAbsent(name, modelName -> new RequestModel(modelName,
                    Json.mapper().valueToTree(stack.resolveAll(resource.property("Models", modelName).orElseThrow(
                            () -> new IllegalStateException(resource.logicalId() + " has no model " + modelName))))));
        }

        String stageName() {
            return resource.property("StageName").map(stack::resolve).orElse("Prod");
        }

        RestApi.Stage stage() {
            Map<String, Object> properties = CloudFormationTemplate.asMap(stack.resolveAll(resource.properties()));
            Map<String, GatewayResponses.Definition> responses = new LinkedHashMap<>();
            CloudFormationTemplate.map(properties, "GatewayResponses").forEach((type, definition) -> {
                Map<String, Object> body = CloudFormationTemplate.asMap(definition);
                Map<String, String> templates = new LinkedHashMap<>();
                CloudFormationTemplate.map(body, "ResponseTemplates").forEach((contentType, template) ->
                        templates.put(contentType, String.valueOf(template)));
                Map<String, String> headers = new LinkedHashMap<>();
                CloudFormationTemplate.map(CloudFormationTemplate.map(body, "ResponseParameters"), "Headers")
                        .forEach((header, value) -> headers.put(header, String.valueOf(value)));
                responses.put(type, new GatewayResponses.Definition(
                        Optional.ofNullable(body.get("StatusCode")).map(status -> Integer.parseInt(String.valueOf(status))),
                        templates, headers));
            });
            double rate = 10_000;
            int burst = 5_000;
            for (Object setting : (List<?>) properties.getOrDefault("MethodSettings", List.of())) {
                Map<String, Object> method = CloudFormationTemplate.asMap(setting);
                if ("/*".equals(method.get("ResourcePath")) && "*".equals(method.get("HttpMethod"))) {
                    rate = Double.parseDouble(String.valueOf(method.getOrDefault("ThrottlingRateLimit", rate)));
                    burst = Integer.parseInt(String.valueOf(method.getOrDefault("ThrottlingBurstLimit", burst)));
                }
            }
            Optional<String> accessLogFormat = Optional.ofNullable(CloudFormationTemplate.map(properties, "AccessLogSetting").get("Format"))
                    .map(String::valueOf);
            String arnPrefix = RestApi.Stage.arnPrefix(stack.region(), stack.accountId(), id);
            ResourcePolicy policy = ResourcePolicy.of(CloudFormationTemplate.asList(CloudFormationTemplate.map(
                    CloudFormationTemplate.map(properties, "Auth"), "ResourcePolicy").getOrDefault("CustomStatements", List.of())),
                    Map.of("execute-api:/", arnPrefix));
            return new RestApi.Stage(stack.qualified(resource.logicalId()), id, stageName(), List.copyOf(routes),
                    new GatewayResponses(responses), rate, burst, accessLogFormat, stack.region(), stack.accountId(), policy);
        }
    }
}
