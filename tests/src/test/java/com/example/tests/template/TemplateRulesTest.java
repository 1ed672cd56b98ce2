package com.example.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.local.apigateway.GatewayResponses;
import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.stack.SamFunction;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.iam.SamPolicyTemplates;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The application's best-practice rules, asserted on its templates themselves: the root
 * template.yaml (the platform) and each service stack it nests, with their loops expanded as
 * CloudFormation expands them.
 */
class TemplateRulesTest {

    /**
     * SAM policy templates every function may use: each grants the one action a call needs on the one
     * resource it is given (GrantsFollowTheCodeTest holds the actions to the code).
     */
    private static final Set<String> SCOPED_POLICY_TEMPLATES = SamPolicyTemplates.ACTIONS.keySet();

    /** Services whose resources hold data: a wildcard action on them is never acceptable. */
    private static final Set<String> DATA_SERVICES = Set.of("dynamodb", "sqs", "s3", "events", "states", "ssm",
            "secretsmanager", "kms", "sns", "lambda");

    /** Actions IAM defines no resource type for: a statement can only grant them on "*" (they list, they read no data). */
    private static final Set<String> ACTIONS_WITHOUT_RESOURCE_TYPES = Set.of("dynamodb:ListStreams");

    /** The longest stack name CloudFormation accepts: every name built from it must still fit. */
    private static final String LONGEST_STACK_NAME = "s".repeat(128);
    private static final String REVIEWERS = "arn:aws:iam::123456789012:role/order-reviewers";

    /** Name properties and their limits, per resource type (or SAM event type) that takes a name. */
    private static final Map<String, Map<String, Integer>> NAME_LIMITS = Map.ofEntries(
            Map.entry("AWS::Events::Rule", Map.of("Name", 64)),
            Map.entry("EventBridgeRule", Map.of("RuleName", 64)),
            Map.entry("AWS::Events::EventBus", Map.of("Name", 256)),
            Map.entry("AWS::Events::Archive", Map.of("ArchiveName", 48)),
            Map.entry("AWS::Pipes::Pipe", Map.of("Name", 64)),
            Map.entry("AWS::SQS::Queue", Map.of("QueueName", 80)),
            Map.entry("AWS::DynamoDB::Table", Map.of("TableName", 255)),
            Map.entry("AWS::Serverless::Function", Map.of("FunctionName", 64)),
            Map.entry("AWS::Serverless::StateMachine", Map.of("Name", 80)),
            Map.entry("AWS::Serverless::Api", Map.of("Name", 1024)),
            Map.entry("AWS::Serverless::LayerVersion", Map.of("LayerName", 140)),
            Map.entry("AWS::SSM::Parameter", Map.of("Name", 1011)),
            Map.entry("AWS::SecretsManager::Secret", Map.of("Name", 512)),
            Map.entry("AWS::S3::Bucket", Map.of("BucketName", 63)),
            Map.entry("AWS::Logs::LogGroup", Map.of("LogGroupName", 512)),
            Map.entry("AWS::SNS::Topic", Map.of("TopicName", 256, "DisplayName", 100)),
            Map.entry("AWS::CloudWatch::Alarm", Map.of("AlarmName", 255)),
            Map.entry("AWS::IAM::Role", Map.of("RoleName", 64)));

    private static final List<String> SERVICES = List.of("OrdersService", "InvoiceService", "IngestionService");

    private final DeployedStack root = ApplicationTemplates.root();
    private final List<DeployedStack> stacks = root.withNestedStacks();

    // ---------------------------------------------------------------- the shape: a platform and a stack per service

    @Test
    void theRootIsThePlatformAndNestsOneStackPerServiceFromItsFolder() {
        Map<String, String> nested = new java.util.LinkedHashMap<>();
        root.template().resources().values().stream().filter(resource -> DeployedStack.NESTED_STACK_TYPES.contains(resource.type()))
                .forEach(resource -> nested.put(resource.logicalId(), resource.stringProperty("Location")));
        assertThat(nested).containsExactly(Map.entry("OrdersService", "orders-service/template.yaml"),
                Map.entry("InvoiceService", "invoice-service/template.yaml"),
                Map.entry("IngestionService", "ingestion-service/template.yaml"));
        assertThat(root.template().resources().values()).extracting(Resource::type)
                .as("the platform: the bus and its archive, the layer, the alarm topic, shared configuration, account settings")
                .doesNotContain("AWS::Serverless::Function", "AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::Serverless::Api");
    }

    /** Names and ARNs reach a service as parameters: no export chain, so neither side's updates block the other's. */
    @Test
    void servicesGetThePlatformAsParametersAndNothingIsExportedOrImported() {
        for (DeployedStack stack : stacks) {
            String text = Json.write(stack.template().document());
            assertThat(text).as(stack.template().location().toString()).doesNotContain("Fn::ImportValue", "\"Export\"");
        }
        for (String service : SERVICES) {
            Resource application = root.template().resource(service);
            CloudFormationTemplate template = root.nested(service).template();
            Map<String, Object> passed = CloudFormationTemplate.asMap(application.property("Parameters").orElseThrow());
            template.parameters().forEach((name, definition) -> {
                if (!CloudFormationTemplate.asMap(definition).containsKey("Default")) {
                    assertThat(passed).as(service + " is given " + name).containsKey(name);
                }
            });
            passed.forEach((name, value) -> assertThat(CloudFormationTemplate.referencedNames(value)).as(service + "." + name
                    + " is the platform's, never another service's").isNotEmpty().allSatisfy(id -> assertThat(
                    root.template().resources().containsKey(id) || root.template().parameters().containsKey(id)).isTrue()));
        }
    }

    /** A consumer owns its subscriptions: every rule delivers to a resource of its own stack. */
    @Test
    void everyRuleDeliversToItsOwnStack() {
        int rules = 0;
        for (DeployedStack stack : stacks) {
            for (Resource rule : stack.template().resourcesOfType("AWS::Events::Rule")) {
                for (Object target : list(rule.property("Targets").orElseThrow())) {
                    assertThat(CloudFormationTemplate.referencedNames(CloudFormationTemplate.asMap(target).get("Arn")))
                            .as(stack.qualified(rule.logicalId()) + " delivers into its stack").isNotEmpty()
                            .allSatisfy(id -> assertThat(stack.template().resources()).containsKey(id));
                    rules++;
                }
            }
        }
        assertThat(rules).isPositive();
        assertThat(root.locate("OrderConfirmedToInvoicingRule").stack().path()).as("invoicing subscribes itself").isEqualTo("InvoiceService");
        assertThat(root.locate("OrderSubmittedToIntakeRule").stack().path()).isEqualTo("OrdersService");
    }

    @Test
    void theTemplatesStayReadableInOneSitting() {
        int total = 0;
        for (String template : ApplicationTemplates.files()) {
            int lines = ProjectFiles.read(template).split("\n", -1).length;
            assertThat(lines).as(template + " in lines").isLessThanOrEqualTo(800);
            total += lines;
        }
        for (String definition : List.of("order-fulfilment", "order-fulfilment-starter", "record-review-request")) {
            total += ProjectFiles.read("statemachine/" + definition + ".asl.yaml").split("\n", -1).length;
        }
        assertThat(total).as("templates and state machines together, in lines").isLessThanOrEqualTo(2600);
    }

    /**
     * What repeats per function, dead-letter queue and workflow is written once in each service
     * template: its loops cover every function (and so every function's log group and alarms), every
     * dead-letter queue and every workflow of the stack.
     */
    @Test
    void eachServiceWritesWhatRepeatsOnceInItsLoops() {
        for (String service : SERVICES) {
            CloudFormationTemplate template = root.nested(service).template();
            Map<String, Object> raw = CloudFormationTemplate.map(template.written(), "Resources");
            assertThat(loopItems(raw, "Fn::ForEach::Functions")).as(service + " functions").containsExactlyInAnyOrderElementsOf(
                    template.resourcesOfType("AWS::Serverless::Function").stream()
                            .map(function -> function.logicalId().replaceAll("Function$", "")).toList());
            assertThat(loopItems(raw, "Fn::ForEach::DeadLetterQueues").stream().map(queue -> queue + "DeadLetterQueue").toList())
                    .as(service + " dead-letter queues").containsExactlyInAnyOrderElementsOf(deadLetterQueues(template));
            if (!template.resourcesOfType("AWS::Serverless::StateMachine").isEmpty()) {
                assertThat(loopItems(raw, "Fn::ForEach::Workflows")).as(service + " workflows").containsExactlyInAnyOrderElementsOf(
                        template.resourcesOfType("AWS::Serverless::StateMachine").stream().map(Resource::logicalId).toList());
            }
        }
    }

    /** Every service's functions share one profile (runtime, memory, tracing, SnapStart, logging, deployment); only their service name differs. */
    @Test
    void theServicesShareOneFunctionProfile() {
        List<Map<String, Object>> profiles = new ArrayList<>();
        for (String service : SERVICES) {
            Map<String, Object> globals = new java.util.LinkedHashMap<>(root.nested(service).template().functionGlobals());
            Map<String, Object> variables = new java.util.LinkedHashMap<>(CloudFormationTemplate.map(
                    CloudFormationTemplate.map(globals, "Environment"), "Variables"));
            assertThat(variables.remove("POWERTOOLS_SERVICE_NAME")).as(service).isNotNull();
            globals.put("Environment", Map.of("Variables", variables));
            profiles.add(globals);
        }
        assertThat(profiles).allSatisfy(profile -> assertThat(profile).isEqualTo(profiles.getFirst()));
    }

    // ---------------------------------------------------------------- functions

    @Test
    void everyFunctionRunsJava25OnArm64TracedWithSnapStartAndThePlatformsLayer() {
        assertThat(functions()).hasSize(9).allSatisfy(function -> {
            String id = function.id();
            assertThat(function.sam().property("Runtime")).as(id).contains("java25");
            assertThat(function.sam().property("Architectures")).as(id).contains(List.of("arm64"));
            assertThat(function.sam().property("Tracing")).as(id).contains("Active");
            assertThat(function.sam().property("Layers")).as(id).contains(List.of(Map.of("Ref", "SharedLayerArn")));
            assertThat(function.sam().property("SnapStart")).as(id).contains(Map.of("ApplyOn", "PublishedVersions"));
            assertThat(function.sam().property("AutoPublishAlias")).as(id).isPresent();
            assertThat(function.resource().property("AutoPublishAliasAllProperties")).as(id
                    + " publishes a version when any property changes, the layer included").contains(true);
            assertThat(function.sam().property("MemorySize")).as(id).isPresent();
            assertThat(function.resource().metadata()).as(id).containsEntry("BuildMethod", "makefile");
        });
        for (String service : SERVICES) {
            assertThat(root.template().resource(service).property("Parameters", "SharedLayerArn")).as(service)
                    .contains(Map.of("Ref", "SharedLayer"));
        }
        assertThat(root.template().resource("SharedLayer").type()).isEqualTo("AWS::Serverless::LayerVersion");
    }

    @Test
    void everyFunctionLogsJsonToALogGroupOfItsOwnWithRetention() {
        Set<String> logGroups = new HashSet<>();
        assertThat(functions()).allSatisfy(function -> {
            assertThat(function.sam().property("LoggingConfig", "LogFormat")).as(function.id()).contains("JSON");
            assertThat(function.sam().property("LoggingConfig", "SystemLogLevel")).as(function.id()
                    + " keeps Lambda's START and REPORT lines").hasValueSatisfying(level -> assertThat(level).isIn("INFO", "DEBUG"));
            String logGroup = referencedId(function.sam().property("LoggingConfig", "LogGroup").orElseThrow());
            assertThat(logGroups.add(function.stack().qualified(logGroup))).as(function.id() + " shares its log group").isTrue();
            Resource group = function.stack().template().resource(logGroup);
            assertThat(group.type()).isEqualTo("AWS::Logs::LogGroup");
            assertThat(group.property("RetentionInDays")).as(group.logicalId()).isPresent();
        });
    }

    @Test
    void everyLogGroupHasARetention() {
        assertThat(ofType("AWS::Logs::LogGroup")).isNotEmpty()
                .allSatisfy(group -> assertThat(group.resource().property("RetentionInDays")).as(group.id()).isPresent());
    }

    @Test
    void everyFunctionDeploysGraduallyInProdRolledBackByItsOwnErrorAndThrottleAlarms() {
        assertThat(functions()).allSatisfy(function -> {
            Map<String, Object> preference = CloudFormationTemplate.asMap(function.sam().property("DeploymentPreference").orElseThrow());
            assertThat(preference.get("Type")).as(function.id()).isEqualTo(Map.of("Ref", "DeploymentType"));
            List<String> alarms = list(preference.get("Alarms")).stream().map(TemplateRulesTest::referencedId).toList();
            assertThat(alarms).as(function.id()).hasSize(2).allSatisfy(alarm -> {
                Resource resource = function.stack().template().resource(alarm);
                assertThat(resource.property("Namespace")).contains("AWS/Lambda");
                assertThat(resource.property("Dimensions")).hasValueSatisfying(dimensions -> assertThat(list(dimensions))
                        .contains(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function.resource().logicalId()))));
            });
            assertThat(alarms.stream().map(alarm -> function.stack().template().resource(alarm).property("MetricName").orElseThrow()))
                    .containsExactlyInAnyOrder("Errors", "Throttles");
        });
        SERVICES.forEach(service -> assertThat(root.template().resource(service).property("Parameters", "DeploymentType"))
                .as(service).contains(Map.of("Ref", "DeploymentType")));
        assertThat(root.template().parameterDefault("DeploymentType")).contains("AllAtOnce");
        assertThat(ProjectFiles.read("samconfig.toml")).contains("DeploymentType=Canary10Percent5Minutes");
    }

    @Test
    void secretsComeFromSecretsManagerNeverFromEnvironmentVariables() {
        for (Located function : functions()) {
            CloudFormationTemplate.map(CloudFormationTemplate.map(function.sam().properties(), "Environment"), "Variables")
                    .forEach((name, value) -> assertThat(name).as(function.id())
                            .doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("key_value"));
        }
        assertThat(ApplicationTemplates.resource("IssueInvoiceFunction").property("Environment", "Variables", "SIGNING_KEY_SECRET"))
                .as("the function gets the secret's ARN, not its value")
                .contains(Map.of("Ref", "InvoiceSigningKey"));
        assertThat(ApplicationTemplates.resource("InvoiceSigningKey").type()).isEqualTo("AWS::SecretsManager::Secret");
    }

    @Test
    void asynchronousFunctionsRetryAFewTimesThenHandFailuresToAQueue() {
        for (String function : List.of("MarkOrderInvoicedFunction")) {
            DeployedStack.Located located = root.locate(function);
            Resource resource = located.resource();
            assertThat(resource.property("EventInvokeConfig", "MaximumRetryAttempts")).as(function).isPresent();
            Object destination = resource.property("EventInvokeConfig", "DestinationConfig", "OnFailure", "Destination").orElseThrow();
            assertThat(located.stack().template().resource(referencedId(destination)).type()).as(function).isEqualTo("AWS::SQS::Queue");
        }
    }

    /** A burst of partner files waits in a queue and is ingested a few at a time, with no reservation a new account refuses. */
    @Test
    void ingestionTakesPartnerFilesFromAQueueOneAtATimeAFewAtOnce() {
        Resource ingestFile = ApplicationTemplates.resource("IngestFileFunction");
        assertThat(ingestFile.property("ReservedConcurrentExecutions")).as("no reservation").isEmpty();
        assertThat(ingestFile.property("EventInvokeConfig")).as("no longer invoked asynchronously").isEmpty();
        Map<String, Object> events = CloudFormationTemplate.map(ingestFile.properties(), "Events");
        assertThat(events).containsOnlyKeys("PartnerFilesQueue");
        Map<String, Object> mapping = CloudFormationTemplate.map(CloudFormationTemplate.asMap(events.get("PartnerFilesQueue")), "Properties");
        assertThat(referencedId(mapping.get("Queue"))).isEqualTo("PartnerFilesQueue");
        assertThat(mapping.get("BatchSize")).as("a file per invocation").isEqualTo(1);
        DeployedStack ingestion = deployed(Map.of()).nested("IngestionService");
        assertThat(ingestion.resolve(CloudFormationTemplate.map(mapping, "ScalingConfig").get("MaximumConcurrency"))).isEqualTo("2");
        assertThat(deployed(Map.of("QueueConsumerConcurrency", "5")).nested("IngestionService")
                .resolve(CloudFormationTemplate.map(mapping, "ScalingConfig").get("MaximumConcurrency"))).isEqualTo("5");
        Object target = ApplicationTemplates.resource("PartnerFileCreatedRule").property("Targets").orElseThrow();
        assertThat(referencedId(CloudFormationTemplate.asMap(((List<?>) target).getFirst()).get("Arn"))).isEqualTo("PartnerFilesQueue");
    }

    @Test
    void byDefaultTheQueueConsumersLeaveFourOfANewAccountsTenConcurrentExecutionsToTheApi() {
        DeployedStack application = deployed(Map.of());
        int consumers = 0;
        for (DeployedStack stack : application.withNestedStacks()) {
            for (Resource function : stack.template().resourcesOfType("AWS::Serverless::Function")) {
                for (Object event : CloudFormationTemplate.map(function.properties(), "Events").values()) {
                    Map<String, Object> body = CloudFormationTemplate.asMap(event);
                    if ("SQS".equals(body.get("Type"))) {
                        consumers += Integer.parseInt(stack.resolve(CloudFormationTemplate.map(CloudFormationTemplate.map(body,
                                "Properties"), "ScalingConfig").get("MaximumConcurrency")));
                    }
                }
            }
        }
        // Three consumers at SQS's least (2 each) leave 4 of the 10 to the API and the asynchronous functions.
        assertThat(consumers).as("concurrent executions the SQS consumers may take, of 10").isLessThanOrEqualTo(6);
    }

    // ---------------------------------------------------------------- permissions

    @Test
    void noStatementAllowsAWildcardActionOrAnyResourceOnData() {
        List<String> offences = new ArrayList<>();
        for (Map<String, Object> statement : allowStatements()) {
            List<String> actions = strings(statement.get("Action"));
            for (String action : actions) {
                String service = action.contains(":") ? action.substring(0, action.indexOf(':')) : action;
                if (action.equals("*") || (DATA_SERVICES.contains(service) && action.contains("*"))) {
                    offences.add("wildcard action " + action);
                }
                if (DATA_SERVICES.contains(service) && "*".equals(statement.get("Resource"))
                        && !ACTIONS_WITHOUT_RESOURCE_TYPES.contains(action)) {
                    offences.add(action + " on every resource");
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    /** SAM policy templates scoped to one resource each; inline statements (checked above) or a managed policy of the stack. */
    @Test
    void functionsAndWorkflowsUseSamPolicyTemplatesEachScopedToOneResource() {
        List<Located> principals = new ArrayList<>(functions());
        principals.addAll(ofType("AWS::Serverless::StateMachine"));
        for (Located principal : principals) {
            for (Object policy : (List<?>) principal.resource().property("Policies").orElse(List.of())) {
                Map<String, Object> entry = CloudFormationTemplate.asMap(policy);
                if (entry.containsKey("Statement")) {
                    continue;
                }
                if (entry.get("Ref") instanceof String managed) {
                    assertThat(principal.stack().template().resource(managed).type()).as(principal.id() + " attaches " + managed)
                            .isEqualTo("AWS::IAM::ManagedPolicy");
                    continue;
                }
                assertThat(entry).as(principal.id()).hasSize(1);
                String name = entry.keySet().iterator().next();
                assertThat(SCOPED_POLICY_TEMPLATES).as(principal.id() + " uses " + name).contains(name);
                assertThat(CloudFormationTemplate.asMap(entry.get(name)).values())
                        .as(principal.id() + " " + name + " names its resource")
                        .allSatisfy(value -> assertThat(value).isNotEqualTo("*").isInstanceOf(Map.class));
            }
        }
    }

    @Test
    void ingestionReadsWritesAndDeletesOnlyWhereItMust() {
        Resource ingestion = ApplicationTemplates.resource("IngestFileFunction");
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(ingestion.property("Policies").orElseThrow())) {
            Map<String, Object> entry = CloudFormationTemplate.asMap(policy);
            assertThat(entry.keySet()).as("no S3 policy template: they grant ACLs, lifecycle and bucket-wide deletes")
                    .noneMatch(name -> name.startsWith("S3"));
            Optional.ofNullable(entry.get("Statement")).ifPresent(all -> list(all).forEach(statement ->
                    statements.add(CloudFormationTemplate.asMap(statement))));
        }
        Map<String, Set<String>> grants = new java.util.TreeMap<>();
        for (Map<String, Object> statement : statements) {
            List<Object> resources = statement.get("Resource") instanceof List<?> several ? list(several) : List.of(statement.get("Resource"));
            for (String action : strings(statement.get("Action"))) {
                resources.forEach(resource -> grants.computeIfAbsent(action, key -> new java.util.TreeSet<>())
                        .add(Json.write(resource)));
            }
        }
        assertThat(grants).containsOnlyKeys("s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject", "s3:PutObject",
                "s3:ListBucket", "ssm:GetParameter");
        assertThat(grants.get("s3:DeleteObject")).containsExactly("{\"Fn::Sub\":\"${PartnerBucket.Arn}/incoming/*\"}");
        assertThat(grants.get("s3:GetObject")).as("the file it ingests, and the report whose existence it checks; never processed/")
                .containsExactlyInAnyOrder("{\"Fn::Sub\":\"${PartnerBucket.Arn}/incoming/*\"}", "{\"Fn::Sub\":\"${PartnerBucket.Arn}/reports/*\"}");
        assertThat(grants.get("s3:PutObject")).containsExactlyInAnyOrder("{\"Fn::Sub\":\"${PartnerBucket.Arn}/reports/*\"}",
                "{\"Fn::Sub\":\"${PartnerBucket.Arn}/processed/*\"}");
        assertThat(grants.get("ssm:GetParameter")).as("the platform's parameter of accepted currencies, only").containsExactly(
                "{\"Fn::Sub\":\"arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${AcceptedCurrenciesParameter}\"}");
    }

    @Test
    void everyQueuePolicyAdmitsEventBridgeOnlyFromANamedRule() {
        assertThat(ofType("AWS::SQS::QueuePolicy")).isNotEmpty().allSatisfy(policy -> {
            for (Object statement : (List<?>) policy.resource().property("PolicyDocument", "Statement").orElseThrow()) {
                Map<String, Object> allowed = CloudFormationTemplate.asMap(statement);
                assertThat(allowed.get("Principal")).as(policy.id()).isEqualTo(Map.of("Service", "events.amazonaws.com"));
                assertThat(allowed.get("Action")).as(policy.id()).isEqualTo("sqs:SendMessage");
                assertThat(CloudFormationTemplate.map(CloudFormationTemplate.map(allowed, "Condition"), "ArnEquals"))
                        .as(policy.id() + " names the one rule it admits").containsKey("aws:SourceArn");
            }
        });
    }

    // ---------------------------------------------------------------- the APIs

    @Test
    void everyApiRequiresIamAuthorisationValidatesBodiesThrottlesAndLogsAccess() {
        assertThat(ofType("AWS::Serverless::Api")).extracting(Located::id).containsExactlyInAnyOrder("OrdersService/OrdersApi",
                "InvoiceService/InvoicesApi");
        for (Located api : ofType("AWS::Serverless::Api")) {
            Resource resource = api.resource();
            assertThat(resource.property("Auth", "DefaultAuthorizer")).as(api.id()).contains("AWS_IAM");
            assertThat(resource.property("TracingEnabled")).as(api.id()).contains(true);
            assertThat(resource.property("EndpointConfiguration", "Type")).as(api.id()).contains("REGIONAL");
            Resource accessLogs = api.stack().template().resource(referencedId(resource.property("AccessLogSetting", "DestinationArn")
                    .orElseThrow()));
            assertThat(accessLogs.property("RetentionInDays")).isPresent();
            assertThat(resource.property("MethodSettings")).hasValueSatisfying(settings -> assertThat((List<?>) settings)
                    .allSatisfy(setting -> assertThat(CloudFormationTemplate.asMap(setting))
                            .containsKeys("ThrottlingRateLimit", "ThrottlingBurstLimit")
                            .containsEntry("LoggingLevel", "ERROR").containsEntry("DataTraceEnabled", false)));
            Map<String, Object> models = CloudFormationTemplate.asMap(resource.property("Models").orElse(Map.of()));
            for (Resource function : api.stack().template().resourcesOfType("AWS::Serverless::Function")) {
                apiEvents(function).stream().filter(event -> "post".equals(event.get("Method"))).forEach(event -> {
                    Map<String, Object> requestModel = CloudFormationTemplate.asMap(event.get("RequestModel"));
                    assertThat(requestModel).as(function.logicalId() + " validates its body")
                            .containsEntry("Required", true).containsEntry("ValidateBody", true);
                    assertThat(models).as(function.logicalId()).containsKey((String) requestModel.get("Model"));
                });
            }
        }
    }

    /** Reviews are a role of their own: the API denies the review route to every other principal, and the role may do nothing else. */
    @Test
    void onlyTheReviewerRoleMayAnswerAReviewAndItMayOnlyReadOrdersAndAnswer() {
        Resource api = ApplicationTemplates.resource("OrdersApi");
        List<Object> statements = list(api.property("Auth", "ResourcePolicy", "CustomStatements").orElseThrow());
        assertThat(statements).hasSize(1);
        Map<String, Object> deny = CloudFormationTemplate.asMap(statements.getFirst());
        assertThat(deny).containsEntry("Effect", "Deny").containsEntry("Principal", "*")
                .containsEntry("Action", "execute-api:Invoke").containsEntry("Resource", "execute-api:/*/POST/orders/*/review");
        assertThat(deny.get("Condition")).isEqualTo(Map.of("ArnNotEquals",
                Map.of("aws:PrincipalArn", Map.of("Fn::GetAtt", List.of("OrderReviewerRole", "Arn")))));

        Resource policy = ApplicationTemplates.resource("OrderReviewerPolicy");
        assertThat(policy.property("Roles")).contains(List.of(Map.of("Ref", "OrderReviewerRole")));
        List<Object> grants = list(policy.property("PolicyDocument", "Statement").orElseThrow());
        assertThat(grants).singleElement().satisfies(grant -> {
            assertThat(CloudFormationTemplate.asMap(grant)).containsEntry("Effect", "Allow").containsEntry("Action", "execute-api:Invoke");
            assertThat(list(CloudFormationTemplate.asMap(grant).get("Resource"))).extracting(Json::write).containsExactly(
                    "{\"Fn::Sub\":\"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${OrdersApi}/${Stage}/GET/orders/*\"}",
                    "{\"Fn::Sub\":\"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${OrdersApi}/${Stage}/POST/orders/*/review\"}");
        });
        Resource role = ApplicationTemplates.resource("OrderReviewerRole");
        assertThat(role.property("Policies")).as("the role's one policy is the one above").isEmpty();
        assertThat(role.property("ManagedPolicyArns")).isEmpty();
    }

    @Test
    void everyApiModelIsItsRequestContract() {
        int models = 0;
        for (Located api : ofType("AWS::Serverless::Api")) {
            for (Map.Entry<String, Object> model : CloudFormationTemplate.asMap(api.resource().property("Models").orElse(Map.of())).entrySet()) {
                String contract = "contracts/api/" + model.getKey().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)
                        + ".schema.json";
                assertThat(Json.tree(model.getValue())).as(model.getKey() + " = " + contract).isEqualTo(Json.parse(ProjectFiles.read(contract)));
                models++;
            }
        }
        assertThat(models).isEqualTo(2);
    }

    /** Each API answers API Gateway's own errors as problem+json, and the services' APIs answer them alike. */
    @Test
    void apiGatewaysOwnErrorsAreProblemJsonToo() {
        Map<String, Object> seen = new java.util.HashMap<>();
        for (Located api : ofType("AWS::Serverless::Api")) {
            Map<String, Object> responses = CloudFormationTemplate.asMap(api.resource().property("GatewayResponses").orElseThrow());
            assertThat(responses).as(api.id()).containsKeys("MISSING_AUTHENTICATION_TOKEN", "DEFAULT_4XX", "DEFAULT_5XX");
            responses.forEach((name, value) -> {
                Object first = seen.putIfAbsent(name, value);
                assertThat(first == null || first.equals(value)).as(api.id() + " answers " + name + " as the other API does").isTrue();
                Map<String, Object> response = CloudFormationTemplate.asMap(value);
                assertThat(CloudFormationTemplate.map(CloudFormationTemplate.map(response, "ResponseParameters"), "Headers"))
                        .as(name).containsEntry("Content-Type", "'application/problem+json'");
                String body = (String) CloudFormationTemplate.map(response, "ResponseTemplates").get("application/json");
                // Rendered as API Gateway renders it (tools/local-run), with values a caller controls: quotes,
                // an apostrophe and a backslash must still give JSON.
                String hostile = "string \"o'brien\" \\ found";
                String rendered = GatewayResponses.render(body, Map.of("error.validationErrorString", hostile,
                        "error.messageString", "\"" + hostile + "\"", "error.message", hostile,
                        "path", "/dev/orders/o'brien", "requestId", "id-1", "resourcePath", "/orders"));
                var problem = Json.parse(rendered);
                assertThat(problem.has("type") && problem.has("title")).as(name + " renders " + rendered).isTrue();
            });
        }
        assertThat(ApplicationTemplates.resource("OrdersApi").property("GatewayResponses", "BAD_REQUEST_BODY")).isPresent();
    }

    // ---------------------------------------------------------------- queues, dead letters, alarms

    @Test
    void everyQueueConsumerReportsPartialFailuresBatchesAndIsBoundedAndItsQueueOutlastsIt() {
        List<String> consumers = new ArrayList<>();
        for (Located function : functions()) {
            CloudFormationTemplate.map(function.resource().properties(), "Events").forEach((name, value) -> {
                Map<String, Object> event = CloudFormationTemplate.asMap(value);
                if (!"SQS".equals(event.get("Type"))) {
                    return;
                }
                consumers.add(function.id());
                Map<String, Object> mapping = CloudFormationTemplate.map(event, "Properties");
                assertThat(mapping.get("FunctionResponseTypes")).as(function.id()).isEqualTo(List.of("ReportBatchItemFailures"));
                assertThat(mapping).as(function.id()).containsKeys("BatchSize", "MaximumBatchingWindowInSeconds");
                assertThat(CloudFormationTemplate.map(mapping, "ScalingConfig")).as(function.id()).containsKey("MaximumConcurrency");
                Resource queue = function.stack().template().resource(referencedId(mapping.get("Queue")));
                int timeout = ((Number) function.sam().property("Timeout").orElseThrow()).intValue();
                assertThat(((Number) queue.property("VisibilityTimeout").orElseThrow()).intValue())
                        .as(queue.logicalId() + " visibility timeout is at least six times " + function.id() + "'s timeout")
                        .isGreaterThanOrEqualTo(6 * timeout);
                assertThat(queue.property("RedrivePolicy", "maxReceiveCount")).as(queue.logicalId()).isPresent();
            });
        }
        assertThat(consumers).containsExactlyInAnyOrder("OrdersService/PlaceOrderFromQueueFunction", "InvoiceService/IssueInvoiceFunction",
                "IngestionService/IngestFileFunction");
    }

    @Test
    void everyQueueIsEncrypted() {
        assertThat(ofType("AWS::SQS::Queue")).isNotEmpty().allSatisfy(queue -> assertThat(queue.resource().property("SqsManagedSseEnabled")
                .or(() -> queue.resource().property("KmsMasterKeyId"))).as(queue.id() + " is encrypted").isPresent());
    }

    @Test
    void everyDeadLetterQueueHasAnAlarmThatNotifies() {
        for (DeployedStack stack : stacks) {
            List<Resource> alarms = stack.template().resourcesOfType("AWS::CloudWatch::Alarm");
            for (String queue : deadLetterQueues(stack.template())) {
                assertThat(alarms).as("an alarm on the depth of " + stack.qualified(queue)).anySatisfy(alarm -> {
                    assertThat(alarm.property("MetricName")).contains("ApproximateNumberOfMessagesVisible");
                    assertThat(alarm.property("Dimensions")).hasValueSatisfying(dimensions -> assertThat(list(dimensions))
                            .contains(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName")))));
                    assertThat(alarm.property("AlarmActions")).hasValueSatisfying(actions -> assertThat((List<?>) actions).isNotEmpty());
                });
            }
        }
        assertThat(stacks.stream().mapToInt(stack -> deadLetterQueues(stack.template()).size()).sum()).isEqualTo(11);
    }

    @Test
    void whatFailedOutlivesTheStackInEveryDeadLetterQueue() {
        for (DeployedStack stack : stacks) {
            for (String queue : deadLetterQueues(stack.template())) {
                Map<String, Object> body = stack.template().resource(queue).body();
                assertThat(body.get("DeletionPolicy")).as(stack.qualified(queue)).isIn("Retain", "RetainExceptOnCreate");
                assertThat(body.get("UpdateReplacePolicy")).as(stack.qualified(queue)).isEqualTo("Retain");
            }
        }
    }

    /** Each service lists its dead-letter queues in its DeadLetterQueueUrls output; the root joins the services' lists. */
    @Test
    void everyDeadLetterQueueIsNamedInTheOutputTheOperatorsAndTheDrillsRead() {
        for (String service : SERVICES) {
            CloudFormationTemplate template = root.nested(service).template();
            List<Object> join = list(CloudFormationTemplate.asMap(CloudFormationTemplate.asMap(
                    template.outputs().get("DeadLetterQueueUrls")).get("Value")).get("Fn::Join"));
            Set<String> listed = new HashSet<>();
            list(join.get(1)).forEach(reference -> listed.add(referencedId(reference)));
            assertThat(join.getFirst()).isEqualTo(" ");
            assertThat(listed).as(service + " DeadLetterQueueUrls").isEqualTo(deadLetterQueues(template));
        }
        List<Object> rootJoin = list(CloudFormationTemplate.asMap(CloudFormationTemplate.asMap(
                root.template().outputs().get("DeadLetterQueueUrls")).get("Value")).get("Fn::Join"));
        assertThat(list(rootJoin.get(1))).containsExactlyElementsOf(SERVICES.stream().map(service ->
                (Object) Map.of("Fn::GetAtt", List.of(service, "Outputs.DeadLetterQueueUrls"))).toList());
    }

    @Test
    void everyAlarmNotifiesThePlatformsTopicAndNamesItsRunbookEntry() {
        String runbook = ProjectFiles.read("docs/operations.md");
        assertThat(ofType("AWS::CloudWatch::Alarm")).isNotEmpty().allSatisfy(alarm -> {
            assertThat(alarm.resource().property("AlarmActions")).as(alarm.id()).contains(List.of(Map.of("Ref", "AlarmTopicArn")));
            String description = String.valueOf(alarm.resource().property("AlarmDescription").orElseThrow());
            java.util.regex.Matcher entry = java.util.regex.Pattern.compile("runbook docs/operations\\.md, ([^)]+)\\)")
                    .matcher(description);
            assertThat(entry.find()).as(alarm.id() + ": " + description).isTrue();
            assertThat(runbook).as(alarm.id() + "'s runbook entry").contains("**" + entry.group(1) + ".**");
        });
        SERVICES.forEach(service -> assertThat(root.template().resource(service).property("Parameters", "AlarmTopicArn"))
                .as(service).contains(Map.of("Ref", "AlarmTopic")));
        assertThat(ofType("AWS::CloudWatch::Alarm")).extracting(Located::id).contains("OrdersService/ApiServerErrorRateAlarm",
                "OrdersService/ApiLatencyAlarm", "InvoiceService/ApiServerErrorRateAlarm", "InvoiceService/ApiLatencyAlarm",
                "InvoiceService/InvoiceQueueAgeAlarm", "OrdersService/OrdersIntakeQueueAgeAlarm",
                "OrdersService/OrderFulfilmentStateMachineFailedAlarm", "OrdersService/OrderFulfilmentStateMachineTimedOutAlarm");
    }

    /** One dashboard per service: its functions, queues and workflows, and the metrics operations watch. */
    @Test
    void everyServiceHasADashboardOfItsFunctionsQueuesAndWorkflows() {
        Set<String> metrics = new HashSet<>();
        for (String service : SERVICES) {
            CloudFormationTemplate template = root.nested(service).template();
            Object body = template.resource("OperationsDashboard").property("DashboardBody").orElseThrow();
            String text = String.valueOf(CloudFormationTemplate.asMap(body).get("Fn::Sub"));
            assertThat(Json.parse(text.replaceAll("\\$\\{[^}]+}", "x")).path("widgets").size()).as(service + ": a JSON dashboard").isPositive();
            template.resourcesOfType("AWS::Serverless::Function").forEach(function -> assertThat(text).as(service + " " + function.logicalId())
                    .contains("${" + function.logicalId() + "}"));
            template.resourcesOfType("AWS::SQS::Queue").forEach(queue -> assertThat(text).as(service + " " + queue.logicalId())
                    .contains("${" + queue.logicalId() + ".QueueName}"));
            template.resourcesOfType("AWS::Serverless::StateMachine").forEach(machine -> assertThat(text).as(service + " "
                    + machine.logicalId()).contains("${" + machine.logicalId() + "}"));
            java.util.regex.Matcher metric = java.util.regex.Pattern.compile("\"([A-Za-z0-9]+)\"").matcher(text);
            while (metric.find()) {
                metrics.add(metric.group(1));
            }
            metrics.add(text.contains("FailedInvocations") ? "FailedInvocations" : "");
        }
        assertThat(metrics).contains("5XXError", "Latency", "Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions",
                "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage", "ExecutionsFailed", "ExecutionsTimedOut",
                "ExecutionFailed", "FailedInvocations");
        assertThat(ProjectFiles.read("orders-service/template.yaml")).contains("OrdersPlaced");
        assertThat(ProjectFiles.read("invoice-service/template.yaml")).contains("InvoicesIssued");
    }

    // ---------------------------------------------------------------- data

    @Test
    void businessDataSurvivesAStackDeleteAndAReplacement() {
        for (String id : List.of("OrdersTable", "InvoicesTable", "InvoiceSigningKey", "PartnerBucket")) {
            Map<String, Object> body = ApplicationTemplates.resource(id).body();
            assertThat(body.get("DeletionPolicy")).as(id).isIn("Retain", "RetainExceptOnCreate", "Snapshot");
            assertThat(body.get("UpdateReplacePolicy")).as(id).isIn("Retain", "Snapshot");
        }
    }

    @Test
    void thePartnerBucketIsPrivateEncryptedTlsOnlyVersionedAndCleansUpAfterItself() {
        Resource bucket = ApplicationTemplates.resource("PartnerBucket");
        assertThat(bucket.property("PublicAccessBlockConfiguration")).contains(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket.property("BucketEncryption", "ServerSideEncryptionConfiguration")).isPresent();
        assertThat(bucket.property("VersioningConfiguration", "Status")).contains("Enabled");
        assertThat(bucket.property("NotificationConfiguration", "EventBridgeConfiguration", "EventBridgeEnabled")).contains(true);
        List<Map<String, Object>> lifecycle = list(bucket.property("LifecycleConfiguration", "Rules").orElseThrow()).stream()
                .map(CloudFormationTemplate::asMap).toList();
        for (String prefix : List.of("reports/", "processed/")) {
            assertThat(lifecycle).as("what expires under " + prefix + " is gone a day later, versions included").anySatisfy(rule ->
                    assertThat(rule).containsEntry("Prefix", prefix).containsKey("ExpirationInDays")
                            .containsEntry("NoncurrentVersionExpiration", Map.of("NoncurrentDays", 1)));
        }
        assertThat(lifecycle).as("delete markers left by expiry are removed").anySatisfy(rule ->
                assertThat(rule).containsEntry("ExpiredObjectDeleteMarker", true));
        Map<String, Object> tlsOnly = CloudFormationTemplate.asMap(list(ApplicationTemplates.resource("PartnerBucketPolicy")
                .property("PolicyDocument", "Statement").orElseThrow()).getFirst());
        assertThat(tlsOnly).containsEntry("Effect", "Deny")
                .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
    }

    /**
     * A partner is its principal's partner-id tag, not the prefix it writes to: the bucket refuses a
     * file under incoming/ from an untagged principal, and a tagged one's anywhere but under its own
     * prefix (reports/ and processed/ stay IngestFile's, by its role's grants).
     */
    @Test
    void aPartnerWritesFilesOnlyUnderThePrefixItsTagNames() {
        List<Object> statements = list(ApplicationTemplates.resource("PartnerBucketPolicy").property("PolicyDocument", "Statement")
                .orElseThrow());
        Map<String, Map<String, Object>> bySid = new java.util.HashMap<>();
        statements.forEach(statement -> bySid.put(String.valueOf(CloudFormationTemplate.asMap(statement).get("Sid")),
                CloudFormationTemplate.asMap(statement)));
        Map<String, Object> untagged = bySid.get("OnlyATaggedPartnerWritesIncomingFiles");
        assertThat(untagged).containsEntry("Effect", "Deny").containsEntry("Principal", "*").containsEntry("Action", "s3:PutObject")
                .containsEntry("Resource", Map.of("Fn::Sub", "${PartnerBucket.Arn}/incoming/*"))
                .containsEntry("Condition", Map.of("Null", Map.of("aws:PrincipalTag/partner-id", "true")));
        Map<String, Object> ownPrefix = bySid.get("APartnerWritesOnlyUnderItsOwnPrefix");
        assertThat(ownPrefix).containsEntry("Effect", "Deny").containsEntry("Principal", "*").containsEntry("Action", "s3:PutObject")
                .doesNotContainKey("Condition");
        assertThat(strings(list(ownPrefix.get("NotResource")).stream().map(resource -> String.valueOf(
                CloudFormationTemplate.asMap(resource).get("Fn::Sub"))).toList())).containsExactly(
                "${PartnerBucket.Arn}/incoming/${!aws:PrincipalTag/partner-id}/*", "${PartnerBucket.Arn}/reports/*",
                "${PartnerBucket.Arn}/processed/*");
        Map<String, Object> ingestionOnly = bySid.get("OnlyIngestionWritesReportsAndProcessedFiles");
        assertThat(ingestionOnly).containsEntry("Effect", "Deny").containsEntry("Action", "s3:PutObject")
                .containsEntry("Resource", List.of(Map.of("Fn::Sub", "${PartnerBucket.Arn}/reports/*"),
                        Map.of("Fn::Sub", "${PartnerBucket.Arn}/processed/*")))
                .containsEntry("Condition", Map.of("ArnNotEquals", Map.of("aws:PrincipalArn",
                        Map.of("Fn::GetAtt", List.of("IngestFileFunctionRole", "Arn")))));
    }

    @Test
    void thePartnerBucketsAccessIsLoggedToAPrivateBucketThatExpiresTheLogs() {
        Resource bucket = ApplicationTemplates.resource("PartnerBucket");
        assertThat(bucket.property("LoggingConfiguration", "DestinationBucketName"))
                .contains(Map.of("Ref", "PartnerBucketAccessLogs"));
        Resource logs = ApplicationTemplates.resource("PartnerBucketAccessLogs");
        assertThat(logs.property("PublicAccessBlockConfiguration", "RestrictPublicBuckets")).contains(true);
        assertThat(logs.property("BucketEncryption", "ServerSideEncryptionConfiguration")).isPresent();
        assertThat(logs.property("LifecycleConfiguration", "Rules")).hasValueSatisfying(rules -> assertThat(list(rules))
                .anySatisfy(rule -> assertThat(CloudFormationTemplate.asMap(rule)).containsKey("ExpirationInDays")));
        assertThat(Json.write(ApplicationTemplates.resource("PartnerBucketAccessLogsPolicy").property("PolicyDocument").orElseThrow()))
                .as("only S3's log delivery, only from the partner bucket").contains("logging.s3.amazonaws.com")
                .contains("PartnerBucket");
    }

    @Test
    void everyNameBuiltFromTheStackNameFitsItsLimitForTheLongestStackName() {
        List<String> tooLong = new ArrayList<>();
        for (DeployedStack stack : stacks) {
            // Every stack, nested ones included, may have the longest name CloudFormation allows.
            DeployedStack longest = new DeployedStack(stack.template(), LONGEST_STACK_NAME, "ap-southeast-2", "123456789012",
                    withRequiredParameters(stack.template()));
            // A REST API's id, which names its execution log group, is 10 characters.
            stack.template().resourcesOfType("AWS::Serverless::Api").forEach(api -> longest.putRef(api.logicalId(), "a1b2c3d4e5"));
            for (Resource resource : stack.template().resources().values()) {
                checkNames(longest, stack.qualified(resource.logicalId()), resource.type(), resource.properties(), tooLong);
                CloudFormationTemplate.map(resource.properties(), "Events").forEach((name, event) -> {
                    Map<String, Object> body = CloudFormationTemplate.asMap(event);
                    checkNames(longest, stack.qualified(resource.logicalId()) + "." + name, String.valueOf(body.get("Type")),
                            CloudFormationTemplate.map(body, "Properties"), tooLong);
                });
            }
        }
        assertThat(tooLong).isEmpty();
    }

    @Test
    void thePipeReadsItsStreamWithTheActionsPipesNeedsInTheFormIamEvaluates() {
        List<Map<String, Object>> statements = roleStatements(ApplicationTemplates.resource("OrderPlacedPipeRole"));
        assertThat(statements).anySatisfy(statement -> {
            assertThat(strings(statement.get("Action"))).containsExactlyInAnyOrder("dynamodb:DescribeStream",
                    "dynamodb:GetRecords", "dynamodb:GetShardIterator");
            assertThat(statement.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of("OrdersTable", "StreamArn")));
        });
        assertThat(statements).as("ListStreams names no resource type: only \"*\" grants it").anySatisfy(statement -> {
            assertThat(strings(statement.get("Action"))).containsExactly("dynamodb:ListStreams");
            assertThat(statement.get("Resource")).isEqualTo("*");
        });
    }

    @Test
    void thePipeMayWriteItsOwnLog() {
        List<Map<String, Object>> statements = roleStatements(ApplicationTemplates.resource("OrderPlacedPipeRole"));
        assertThat(statements).anySatisfy(statement -> {
            assertThat(strings(statement.get("Action"))).contains("logs:CreateLogStream", "logs:PutLogEvents");
            assertThat(Json.write(statement.get("Resource"))).contains("OrderPlacedPipeLogGroup.Arn");
        });
        assertThat(ApplicationTemplates.resource("OrderPlacedPipe").property("LogConfiguration", "CloudwatchLogsLogDestination",
                "LogGroupArn")).contains(Map.of("Fn::GetAtt", List.of("OrderPlacedPipeLogGroup", "Arn")));
    }

    @Test
    void theOrdersTableIsRecoverableAndStreamsNewImages() {
        Resource table = ApplicationTemplates.resource("OrdersTable");
        assertThat(table.property("BillingMode")).contains("PAY_PER_REQUEST");
        assertThat(table.property("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")).contains(true);
        assertThat(table.property("StreamSpecification", "StreamViewType")).contains("NEW_IMAGE");
    }

    @Test
    void orderPlacedReachesThePlatformsBusFromTheStreamWithNoFunctionInBetween() {
        Resource pipe = ApplicationTemplates.resource("OrderPlacedPipe");
        assertThat(pipe.property("Source")).contains(Map.of("Fn::GetAtt", List.of("OrdersTable", "StreamArn")));
        assertThat(pipe.property("Target")).contains(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${EventBusName}"));
        assertThat(root.template().resource("OrdersService").property("Parameters", "EventBusName")).contains(Map.of("Ref", "EventBus"));
        assertThat(pipe.property("Enrichment")).isEmpty();
        assertThat(pipe.property("TargetParameters", "EventBridgeEventBusParameters", "DetailType")).contains("OrderPlaced");
        assertThat(pipe.property("SourceParameters", "DynamoDBStreamParameters", "DeadLetterConfig", "Arn")).isPresent();
    }

    /** Every event is archived for replay but the review requests, whose task tokens answer the workflow. */
    @Test
    void theBusIsArchivedForReplayButNoTaskTokenIsKept() {
        Resource archive = root.template().resource("EventArchive");
        assertThat(archive.property("SourceArn")).contains(Map.of("Fn::GetAtt", List.of("EventBus", "Arn")));
        var pattern = com.example.local.eventbridge.EventPattern.of(Json.write(archive.property("EventPattern").orElseThrow()));
        for (String example : List.of("order-placed", "order-confirmed", "order-rejected", "invoice-issued", "order-submitted")) {
            assertThat(pattern.matches(ProjectFiles.read("contracts/events/examples/" + example + ".json"))).as(example).isTrue();
        }
        assertThat(pattern.matches(ProjectFiles.read("contracts/events/examples/order-review-requested.json"))).isFalse();
    }

    @Test
    void aProdStackIsRefusedWithoutAnAlarmAddressItsReviewersOrItsRedrivers() {
        assertThat(deployed(Map.of("Stage", "prod")).refusedByRules()).hasSize(3)
                .anySatisfy(refusal -> assertThat(refusal).contains("AlarmEmail"))
                .anySatisfy(refusal -> assertThat(refusal).contains("ReviewerPrincipals"))
                .anySatisfy(refusal -> assertThat(refusal).contains("RedrivePrincipals"));
        assertThat(deployed(Map.of("Stage", "prod", "AlarmEmail", "ops@example.com", "RedrivePrincipals", REVIEWERS))
                .refusedByRules()).singleElement().asString().contains("ReviewerPrincipals");
        assertThat(deployed(Map.of("Stage", "prod", "AlarmEmail", "ops@example.com", "ReviewerPrincipals", REVIEWERS,
                "RedrivePrincipals", "arn:aws:iam::123456789012:role/operators")).refusedByRules()).isEmpty();
        assertThat(deployed(Map.of()).refusedByRules()).as("dev may go without").isEmpty();
    }

    /**
     * A service deployed on its own checks the platform's parts it is given: the bus by name only (an
     * ARN or a wildcard would widen its PutEvents grants), ARNs of their kind, the shared parameter as
     * a name (part of a grant's resource); reviewers must be named, and a canary is the default.
     */
    @Test
    void aServiceAloneRefusesPlatformParametersThatWidenItsGrantsAndDefaultsToSafeValues() {
        Map<String, String> platform = Map.of("EventBusName", "serverless-orders-dev-bus",
                "EventRedriveRoleArn", "arn:aws:iam::123456789012:role/serverless-orders-dev-EventRedriveRole-1A2B",
                "SharedLayerArn", "arn:aws:lambda:eu-west-1:123456789012:layer:SharedLayer:7",
                "AlarmTopicArn", "arn:aws:sns:eu-west-1:123456789012:serverless-orders-dev-AlarmTopic-1A2B3C",
                "AcceptedCurrenciesParameter", "/serverless-orders-dev/orders/accepted-currencies",
                "ReviewerPrincipals", REVIEWERS + ",arn:aws:iam::123456789012:user/alex");
        Map<String, List<String>> refused = Map.of(
                "EventBusName", List.of("*", "arn:aws:events:eu-west-1:123456789012:event-bus/other", ""),
                "SharedLayerArn", List.of("*", "arn:aws:lambda:eu-west-1:123456789012:function:x"),
                "AlarmTopicArn", List.of("*"),
                "EventRedriveRoleArn", List.of("*", "arn:aws:iam::123456789012:user/someone"),
                "AcceptedCurrenciesParameter", List.of("*", "/*", "accepted-currencies"),
                "ReviewerPrincipals", List.of("", "*", "arn:aws:iam::123456789012:role/*x,", "123456789012"));
        for (DeployedStack service : stacks.subList(1, stacks.size())) {
            CloudFormationTemplate template = service.template();
            Map<String, String> given = new java.util.HashMap<>(withRequiredParameters(template));
            platform.forEach((name, value) -> {
                if (template.parameters().containsKey(name)) {
                    given.put(name, value);
                }
            });
            assertThat(alone(template, given).refusedParameters()).as(service.path()).isEmpty();
            refused.forEach((name, values) -> {
                if (template.parameters().containsKey(name)) {
                    for (String value : values) {
                        Map<String, String> wrong = new java.util.HashMap<>(given);
                        wrong.put(name, value);
                        assertThat(alone(template, wrong).refusedParameters()).as(service.path() + " " + name + "=" + value)
                                .singleElement().asString().startsWith(name);
                    }
                }
            });
            assertThat(template.parameterDefault("DeploymentType")).as(service.path()).contains("Canary10Percent5Minutes");
        }
        assertThat(root.nested("OrdersService").template().parameterDefault("ReviewerPrincipals")).as("nobody reviews unless named")
                .isEmpty();
    }

    /**
     * The bus takes each service's events only from that service's own publishers (the roles its stack
     * grants events:PutEvents) and the platform's redrive role: one Deny statement per service, for
     * the sources it owns, and together they cover every source of the catalogue.
     */
    @Test
    void everyServicesEventsArePutOnlyByItsOwnPublishersOrTheRedriveRole() {
        Map<String, String> owners = new java.util.TreeMap<>();
        for (DeployedStack stack : stacks.subList(1, stacks.size())) {
            Set<String> publishers = new java.util.TreeSet<>();
            for (Resource resource : stack.template().resources().values()) {
                boolean puts = Json.write(resource.properties()).contains("events:PutEvents")
                        || Json.write(resource.properties()).contains("EventBridgePutEventsPolicy");
                if (puts && Set.of("AWS::Serverless::Function", "AWS::Serverless::StateMachine").contains(resource.type())) {
                    publishers.add(resource.logicalId() + "Role");
                } else if (puts && resource.type().equals("AWS::IAM::Role")) {
                    publishers.add(resource.logicalId());
                }
            }
            List<Resource> policies = stack.template().resourcesOfType("AWS::Events::EventBusPolicy");
            assertThat(policies).as(stack.path()).hasSize(1);
            Map<String, Object> statement = CloudFormationTemplate.asMap(policies.getFirst().property("Statement").orElseThrow());
            assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Principal", "*").containsEntry("Action", "events:PutEvents");
            Map<String, Object> condition = CloudFormationTemplate.asMap(statement.get("Condition"));
            Set<String> allowed = new java.util.TreeSet<>(CloudFormationTemplate.referencedNames(
                    CloudFormationTemplate.map(condition, "ArnNotEquals").get("aws:PrincipalArn")));
            assertThat(allowed).as(stack.path() + ": its publishers and the redrive role, no one else")
                    .isEqualTo(new java.util.TreeSet<>(java.util.stream.Stream.concat(publishers.stream(),
                            java.util.stream.Stream.of("EventRedriveRoleArn")).toList()));
            strings(CloudFormationTemplate.map(condition, "StringEquals").get("events:source"))
                    .forEach(source -> assertThat(owners.put(source, stack.path())).as(source + " has one owner").isNull());
        }
        Set<String> catalogue = new java.util.TreeSet<>();
        for (String example : List.of("order-placed", "order-confirmed", "order-rejected", "order-review-requested",
                "invoice-issued", "order-submitted")) {
            catalogue.add(Json.parse(ProjectFiles.read("contracts/events/examples/" + example + ".json")).path("source").asText());
        }
        assertThat(owners.keySet()).as("every source of the catalogue has its publishers named").isEqualTo(catalogue);
        assertThat(root.template().resource("EventRedriveRole").property("Policies")).hasValueSatisfying(policies ->
                assertThat(Json.write(policies)).contains("events:PutEvents").doesNotContain("sqs:").doesNotContain("dynamodb:"));
    }

    /** The root passes each service values its checks accept: in dev without reviewers, the account's root, by name. */
    @Test
    void theRootPassesEachServiceParametersItAccepts() {
        DeployedStack dev = deployed(Map.of());
        dev.putRef("EventBus", LONGEST_STACK_NAME + "-bus");
        dev.putRef("SharedLayer", "arn:aws:lambda:ap-southeast-2:123456789012:layer:SharedLayer:1");
        dev.putRef("AlarmTopic", "arn:aws:sns:ap-southeast-2:123456789012:" + LONGEST_STACK_NAME + "-AlarmTopic-1A2B3C");
        dev.putRef("AcceptedCurrenciesParameter", "/" + LONGEST_STACK_NAME + "/orders/accepted-currencies");
        dev.putRef("ApiGatewayAccount", "account");
        dev.putAttribute("EventRedriveRole", "Arn", "arn:aws:iam::123456789012:role/" + LONGEST_STACK_NAME.substring(0, 40) + "-EventRedriveRole");
        dev.nestedStacks().forEach((service, stack) -> assertThat(stack.refusedParameters()).as(service).isEmpty());
        assertThat(dev.nested("OrdersService").resolve(Map.of("Ref", "ReviewerPrincipals"))).isEqualTo("arn:aws:iam::123456789012:root");
    }

    /** The bus logs its errors to a group with a retention, every step in dev only, and never an event's detail. */
    @Test
    void theBusLogsErrorsEveryStepInDevOnlyAndNeverTheEventsDetail() {
        Resource bus = root.template().resource("EventBus");
        assertThat(deployed(Map.of()).resolveAll(bus.property("LogConfig").orElseThrow()))
                .isEqualTo(Map.of("IncludeDetail", "NONE", "Level", "INFO"));
        DeployedStack prod = deployed(Map.of("Stage", "prod", "AlarmEmail", "ops@example.com"));
        assertThat(prod.resolveAll(bus.property("LogConfig").orElseThrow())).isEqualTo(Map.of("IncludeDetail", "NONE", "Level", "ERROR"));
        Map<String, String> logTypes = new java.util.TreeMap<>();
        for (Resource source : root.template().resourcesOfType("AWS::Logs::DeliverySource")) {
            assertThat(source.property("ResourceArn")).contains(Map.of("Fn::GetAtt", List.of("EventBus", "Arn")));
            logTypes.put(source.stringProperty("LogType"), prod.includes(source) ? "prod and dev" : "dev");
        }
        assertThat(logTypes).isEqualTo(Map.of("ERROR_LOGS", "prod and dev", "INFO_LOGS", "dev"));
        assertThat(root.template().resourcesOfType("AWS::Logs::Delivery")).hasSize(2).allSatisfy(delivery -> assertThat(
                delivery.property("DeliveryDestinationArn")).contains(Map.of("Fn::GetAtt", List.of("EventBusLogDestination", "Arn"))));
        assertThat(root.template().resource("EventBusLogDestination").property("DestinationResourceArn"))
                .contains(Map.of("Fn::GetAtt", List.of("EventBusLogGroup", "Arn")));
        assertThat(root.template().resource("EventBusLogGroup").property("RetentionInDays")).isPresent();
    }

    /**
     * Dev logs a line per event, what an operator follows it by, never its detail's data (customer
     * ids, amounts, review task tokens, whatever a future event carries); prod has no such rule.
     */
    @Test
    void devLogsEachEventsIdentityButNoneOfItsDataAndProdDoesNot() {
        Resource rule = root.template().resource("EveryEventRule");
        assertThat(rule.property("EventPattern")).contains(Map.of("source", List.of(Map.of("prefix", ""))));
        Map<String, Object> target = CloudFormationTemplate.asMap(list(rule.property("Targets").orElseThrow()).getFirst());
        Map<String, Object> read = CloudFormationTemplate.map(CloudFormationTemplate.map(target, "InputTransformer"), "InputPathsMap");
        assertThat(read.values()).as("what the log reads of an event").containsExactlyInAnyOrder("$.time", "$.id", "$.source",
                "$.detail-type", "$.detail.metadata.correlationId");
        var transformer = new com.example.local.eventbridge.InputTransformer(read.entrySet().stream().collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue()))),
                String.valueOf(CloudFormationTemplate.map(target, "InputTransformer").get("InputTemplate")));
        JsonNode example = Json.parse(ProjectFiles.read("contracts/events/examples/order-review-requested.json"));
        JsonNode logged = Json.parse(transformer.render(Json.write(example)));
        assertThat(logged.get("timestamp").asText()).isEqualTo(example.get("time").asText());
        assertThat(logged.get("message").asText()).contains(example.get("id").asText(), "OrderReviewRequested",
                example.at("/detail/metadata/correlationId").asText())
                .doesNotContain(example.at("/detail/data/taskToken").asText(), example.at("/detail/data/customerId").asText());
        assertThat(deployed(Map.of("Stage", "prod", "AlarmEmail", "ops@example.com")).includes(rule)).isFalse();
        assertThat(deployed(Map.of()).includes(rule)).isTrue();
        assertThat(root.template().resource("EveryEventLogGroup").property("RetentionInDays")).isPresent();
        assertThat(Json.write(root.template().resource("EveryEventLogPolicy").property("PolicyDocument").orElseThrow()))
                .as("EventBridge may write for this rule only").contains("events.amazonaws.com", "${EveryEventRule.Arn}");
    }

    /** The Region's API Gateway logging role is this stack's to set only when asked; the APIs wait for it without a DependsOn. */
    @Test
    void theRegionsApiGatewayLoggingRoleIsSetOnlyWhenAskedAndTheApisWaitForIt() {
        DeployedStack accountHasRole = deployed(Map.of("ApiGatewayLogging", "account-has-role"));
        for (String id : List.of("ApiGatewayAccount", "ApiGatewayLoggingRole")) {
            assertThat(accountHasRole.includes(root.template().resource(id))).as(id + " with account-has-role").isFalse();
            assertThat(deployed(Map.of()).includes(root.template().resource(id))).as(id + " by default").isTrue();
        }
        for (String service : List.of("OrdersService", "InvoiceService")) {
            Resource nested = root.template().resource(service);
            assertThat(nested.body()).as(service).doesNotContainKey("DependsOn");
            assertThat(nested.property("Parameters", "ApiGatewayLoggingReady")).as(service).contains(Map.of("Fn::If",
                    List.of("SetsApiGatewayRole", Map.of("Ref", "ApiGatewayAccount"), "account-has-role")));
        }
    }

    /** API Gateway's execution log group is created with a retention, not left to API Gateway (which never expires it). */
    @Test
    void everyApisExecutionLogGroupIsTheStacksWithARetention() {
        for (Located api : ofType("AWS::Serverless::Api")) {
            assertThat(api.stack().template().resourcesOfType("AWS::Logs::LogGroup")).as(api.id()).anySatisfy(group -> {
                assertThat(group.property("LogGroupName")).contains(Map.of("Fn::Sub",
                        "API-Gateway-Execution-Logs_${" + api.resource().logicalId() + "}/${Stage}"));
                assertThat(group.property("RetentionInDays")).isPresent();
            });
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A resource of the application and the stack that declares it. */
    private record Located(DeployedStack stack, Resource resource) {

        String id() {
            return stack.qualified(resource.logicalId());
        }

        /** A function's properties as SAM reads them, its template's Globals merged. */
        SamFunction sam() {
            return new SamFunction(resource, stack.template().functionGlobals());
        }
    }

    private List<Located> ofType(String type) {
        List<Located> found = new ArrayList<>();
        stacks.forEach(stack -> stack.template().resourcesOfType(type).forEach(resource -> found.add(new Located(stack, resource))));
        return found;
    }

    private List<Located> functions() {
        return ofType("AWS::Serverless::Function");
    }

    private DeployedStack deployed(Map<String, String> parameters) {
        return new DeployedStack(root.template(), LONGEST_STACK_NAME, "ap-southeast-2", "123456789012", parameters);
    }

    private static DeployedStack alone(CloudFormationTemplate template, Map<String, String> parameters) {
        return new DeployedStack(template, "orders-alone", "eu-west-1", "123456789012", parameters);
    }

    /** A stack deployed on its own: the parameters without a default get a placeholder value. */
    private static Map<String, String> withRequiredParameters(CloudFormationTemplate template) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        template.parameters().forEach((name, definition) -> {
            if (!CloudFormationTemplate.asMap(definition).containsKey("Default")) {
                values.put(name, "p");
            }
        });
        return values;
    }

    private static void checkNames(DeployedStack stack, String owner, String type, Map<String, Object> properties,
                                   List<String> tooLong) {
        NAME_LIMITS.getOrDefault(type, Map.of()).forEach((property, limit) -> {
            if (properties.containsKey(property)) {
                String name = stack.resolve(properties.get(property));
                if (name.length() > limit) {
                    tooLong.add(owner + "." + property + " is " + name.length() + " characters, limit " + limit);
                }
            }
        });
    }

    private static List<Map<String, Object>> apiEvents(Resource function) {
        List<Map<String, Object>> events = new ArrayList<>();
        CloudFormationTemplate.map(function.properties(), "Events").values().stream()
                .map(CloudFormationTemplate::asMap)
                .filter(event -> "Api".equals(event.get("Type")))
                .forEach(event -> events.add(CloudFormationTemplate.map(event, "Properties")));
        return events;
    }

    /** The statements of a role's inline policies. */
    private static List<Map<String, Object>> roleStatements(Resource role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(role.property("Policies").orElseThrow())) {
            list(CloudFormationTemplate.map(CloudFormationTemplate.asMap(policy), "PolicyDocument").get("Statement"))
                    .forEach(statement -> statements.add(CloudFormationTemplate.asMap(statement)));
        }
        return statements;
    }

    /** Allow statements of every role, policy, function and workflow of every stack. */
    private List<Map<String, Object>> allowStatements() {
        List<Object> documents = new ArrayList<>();
        for (DeployedStack stack : stacks) {
            for (Resource resource : stack.template().resources().values()) {
                switch (resource.type()) {
                    case "AWS::IAM::Role" -> ((List<?>) resource.property("Policies").orElse(List.of()))
                            .forEach(policy -> documents.add(CloudFormationTemplate.asMap(policy).get("PolicyDocument")));
                    case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" -> documents.add(resource.property("PolicyDocument").orElseThrow());
                    case "AWS::Serverless::Function", "AWS::Serverless::StateMachine" ->
                            ((List<?>) resource.property("Policies").orElse(List.of())).stream()
                                    .map(CloudFormationTemplate::asMap)
                                    .filter(policy -> policy.containsKey("Statement"))
                                    .forEach(documents::add);
                    default -> { }
                }
            }
        }
        return documents.stream()
                .map(CloudFormationTemplate::asMap)
                .flatMap(document -> ((List<?>) document.get("Statement")).stream())
                .map(CloudFormationTemplate::asMap)
                .filter(statement -> "Allow".equals(statement.get("Effect")))
                .toList();
    }

    /** Queues named as a dead-letter target anywhere in a template: pipes, queues' redrive, rule targets, on-failure destinations. */
    private static Set<String> deadLetterQueues(CloudFormationTemplate template) {
        Set<String> queues = new HashSet<>();
        for (Resource resource : template.resources().values()) {
            collectDeadLetterTargets(resource.properties(), queues);
        }
        return queues;
    }

    private static void collectDeadLetterTargets(Object node, Set<String> queues) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (Objects.equals(key, "OnFailure")) {
                    queues.add(referencedId(CloudFormationTemplate.asMap(value).get("Destination")));
                } else if (Objects.equals(key, "DeadLetterConfig") || Objects.equals(key, "DeadLetterQueue")) {
                    Map<String, Object> target = CloudFormationTemplate.asMap(value);
                    Optional.ofNullable(target.getOrDefault("Arn", target.get("TargetArn"))).ifPresent(arn -> queues.add(referencedId(arn)));
                } else if (Objects.equals(key, "deadLetterTargetArn")) {
                    queues.add(referencedId(value));
                } else {
                    collectDeadLetterTargets(value, queues);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectDeadLetterTargets(item, queues));
        }
    }

    private static List<String> loopItems(Map<String, Object> resources, String loop) {
        assertThat(resources).as("the loop " + loop).containsKey(loop);
        return list(list(resources.get(loop)).get(1)).stream().map(String::valueOf).toList();
    }

    /** The logical id a Ref or GetAtt points at. */
    private static String referencedId(Object reference) {
        Map<String, Object> intrinsic = CloudFormationTemplate.asMap(reference);
        if (intrinsic.get("Ref") instanceof String id) {
            return id;
        }
        if (intrinsic.get("Fn::GetAtt") instanceof List<?> path) {
            return (String) path.getFirst();
        }
        throw new IllegalArgumentException("Not a reference to a resource: " + reference);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String.class::cast).toList() : List.of((String) value);
    }
}
