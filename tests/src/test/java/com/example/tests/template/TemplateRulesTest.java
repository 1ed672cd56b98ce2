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
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;

/** The best-practice rules of SPEC 4 and 5, asserted on template.yaml itself. */
class TemplateRulesTest {

    /** SAM policy templates every function may use: each grants named actions on the one resource it is given. */
    private static final Set<String> SCOPED_POLICY_TEMPLATES = Set.of("DynamoDBReadPolicy", "DynamoDBWritePolicy",
            "DynamoDBCrudPolicy", "SSMParameterReadPolicy", "EventBridgePutEventsPolicy", "SQSSendMessagePolicy",
            "SQSPollerPolicy", "S3ReadPolicy", "S3CrudPolicy", "StepFunctionsExecutionPolicy",
            "StepFunctionsCallbackPolicy", "LambdaInvokePolicy", "AWSSecretsManagerGetSecretValuePolicy");

    /** Services whose resources hold data: a wildcard action on them is never acceptable. */
    private static final Set<String> DATA_SERVICES = Set.of("dynamodb", "sqs", "s3", "events", "states", "ssm",
            "secretsmanager", "kms", "sns", "lambda");

    /** Actions IAM defines no resource type for: a statement can only grant them on "*" (they list, they read no data). */
    private static final Set<String> ACTIONS_WITHOUT_RESOURCE_TYPES = Set.of("dynamodb:ListStreams");

    /** The longest stack name CloudFormation accepts: every name built from it must still fit. */
    private static final String LONGEST_STACK_NAME = "s".repeat(128);

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

    private final CloudFormationTemplate template = CloudFormationTemplate.load(ProjectFiles.resolve("template.yaml"));

    @Test
    void everyFunctionRunsJava25OnArm64TracedWithSnapStartAndTheSharedLayer() {
        assertThat(functions()).isNotEmpty().allSatisfy(function -> {
            assertThat(effective(function, "Runtime")).as(function.logicalId()).contains("java25");
            assertThat(effective(function, "Architectures")).as(function.logicalId()).contains(List.of("arm64"));
            assertThat(effective(function, "Tracing")).as(function.logicalId()).contains("Active");
            assertThat(effective(function, "Layers")).as(function.logicalId())
                    .hasValueSatisfying(layers -> assertThat(list(layers)).contains(Map.of("Ref", "SharedLayer")));
            assertThat(effective(function, "SnapStart")).as(function.logicalId())
                    .contains(Map.of("ApplyOn", "PublishedVersions"));
            assertThat(effective(function, "AutoPublishAlias")).as(function.logicalId()).isPresent();
            assertThat(function.property("AutoPublishAliasAllProperties")).as(function.logicalId()
                    + " publishes a version when any property changes, the layer included").contains(true);
            assertThat(effective(function, "MemorySize")).as(function.logicalId()).isPresent();
            assertThat(function.metadata()).as(function.logicalId()).containsEntry("BuildMethod", "makefile");
        });
    }

    @Test
    void everyFunctionLogsJsonToALogGroupOfItsOwnWithRetention() {
        Set<Object> logGroups = new HashSet<>();
        assertThat(functions()).allSatisfy(function -> {
            assertThat(function.property("LoggingConfig", "LogFormat")).as(function.logicalId()).contains("JSON");
            assertThat(function.property("LoggingConfig", "SystemLogLevel")).as(function.logicalId()
                    + " keeps Lambda's START and REPORT lines").hasValueSatisfying(level -> assertThat(level).isIn("INFO", "DEBUG"));
            Object logGroup = function.property("LoggingConfig", "LogGroup").orElseThrow();
            assertThat(logGroups.add(logGroup)).as(function.logicalId() + " shares its log group").isTrue();
            Resource group = template.resource(referencedId(logGroup));
            assertThat(group.type()).isEqualTo("AWS::Logs::LogGroup");
            assertThat(group.property("RetentionInDays")).as(group.logicalId()).isPresent();
        });
    }

    @Test
    void everyLogGroupHasARetention() {
        assertThat(template.resourcesOfType("AWS::Logs::LogGroup")).isNotEmpty()
                .allSatisfy(group -> assertThat(group.property("RetentionInDays")).as(group.logicalId()).isPresent());
    }

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

    @Test
    void functionsAndWorkflowsUseSamPolicyTemplatesEachScopedToOneResource() {
        List<Resource> principals = new ArrayList<>(functions());
        principals.addAll(template.resourcesOfType("AWS::Serverless::StateMachine"));
        for (Resource function : principals) {
            for (Object policy : (List<?>) function.property("Policies").orElse(List.of())) {
                Map<String, Object> entry = CloudFormationTemplate.asMap(policy);
                if (entry.containsKey("Statement")) {
                    continue; // inline statements are checked by the wildcard rule
                }
                assertThat(entry).as(function.logicalId()).hasSize(1);
                String name = entry.keySet().iterator().next();
                assertThat(SCOPED_POLICY_TEMPLATES).as(function.logicalId() + " uses " + name).contains(name);
                assertThat(CloudFormationTemplate.asMap(entry.get(name)).values())
                        .as(function.logicalId() + " " + name + " names its resource")
                        .allSatisfy(value -> assertThat(value).isNotEqualTo("*").isInstanceOf(Map.class));
            }
        }
    }

    @Test
    void everyDeadLetterQueueHasAnAlarmThatNotifies() {
        Set<String> deadLetterQueues = deadLetterQueues();
        assertThat(deadLetterQueues).isNotEmpty();
        List<Resource> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        for (String queue : deadLetterQueues) {
            assertThat(alarms).as("an alarm on the depth of " + queue).anySatisfy(alarm -> {
                assertThat(alarm.property("MetricName")).contains("ApproximateNumberOfMessagesVisible");
                assertThat(alarm.property("Dimensions")).hasValueSatisfying(dimensions -> assertThat(list(dimensions))
                        .contains(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName")))));
                assertThat(alarm.property("AlarmActions")).hasValueSatisfying(actions -> assertThat((List<?>) actions).isNotEmpty());
            });
        }
    }

    @Test
    void theApiRequiresIamAuthorisationValidatesBodiesThrottlesAndLogsAccess() {
        Resource api = template.resource("ShopApi");
        assertThat(api.property("Auth", "DefaultAuthorizer")).contains("AWS_IAM");
        assertThat(api.property("TracingEnabled")).contains(true);
        assertThat(api.property("EndpointConfiguration", "Type")).contains("REGIONAL");
        Resource accessLogs = template.resource(referencedId(api.property("AccessLogSetting", "DestinationArn").orElseThrow()));
        assertThat(accessLogs.property("RetentionInDays")).isPresent();
        assertThat(api.property("MethodSettings")).hasValueSatisfying(settings -> assertThat((List<?>) settings)
                .allSatisfy(setting -> assertThat(CloudFormationTemplate.asMap(setting))
                        .containsKeys("ThrottlingRateLimit", "ThrottlingBurstLimit")));
        Map<String, Object> models = CloudFormationTemplate.asMap(api.property("Models").orElseThrow());
        for (Resource function : functions()) {
            apiEvents(function).stream().filter(event -> "post".equals(event.get("Method"))).forEach(event -> {
                Map<String, Object> requestModel = CloudFormationTemplate.asMap(event.get("RequestModel"));
                assertThat(requestModel).as(function.logicalId() + " validates its body")
                        .containsEntry("Required", true).containsEntry("ValidateBody", true);
                assertThat(models).as(function.logicalId()).containsKey((String) requestModel.get("Model"));
            });
        }
    }

    @Test
    void everyApiModelIsItsRequestContract() {
        Map<String, Object> models = CloudFormationTemplate.asMap(template.resource("ShopApi").property("Models").orElseThrow());
        assertThat(models).isNotEmpty();
        models.forEach((name, model) -> {
            String contract = "contracts/api/" + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)
                    + ".schema.json";
            assertThat(Json.tree(model)).as(name + " = " + contract).isEqualTo(Json.parse(ProjectFiles.read(contract)));
        });
    }

    @Test
    void apiGatewaysOwnErrorsAreProblemJsonToo() {
        Map<String, Object> responses = CloudFormationTemplate.asMap(
                template.resource("ShopApi").property("GatewayResponses").orElseThrow());
        assertThat(responses).containsKeys("BAD_REQUEST_BODY", "DEFAULT_4XX", "DEFAULT_5XX");
        responses.forEach((name, value) -> {
            Map<String, Object> response = CloudFormationTemplate.asMap(value);
            assertThat(CloudFormationTemplate.map(CloudFormationTemplate.map(response, "ResponseParameters"), "Headers"))
                    .as(name).containsEntry("Content-Type", "'application/problem+json'");
            String body = (String) CloudFormationTemplate.map(response, "ResponseTemplates").get("application/json");
            // Rendered as API Gateway renders it (local-aws), with values a caller controls: quotes,
            // an apostrophe and a backslash must still give JSON.
            String hostile = "string \"o'brien\" \\ found";
            String rendered = GatewayResponses.render(body, Map.of("error.validationErrorString", hostile,
                    "error.messageString", "\"" + hostile + "\"", "error.message", hostile,
                    "path", "/dev/orders/o'brien", "requestId", "id-1", "resourcePath", "/orders"));
            var problem = Json.parse(rendered);
            assertThat(problem.has("type") && problem.has("title")).as(name + " renders " + rendered).isTrue();
        });
    }

    @Test
    void everyQueueConsumerReportsPartialFailuresBatchesAndIsBoundedAndItsQueueOutlastsIt() {
        List<String> consumers = new ArrayList<>();
        for (Resource function : functions()) {
            CloudFormationTemplate.map(function.properties(), "Events").forEach((name, value) -> {
                Map<String, Object> event = CloudFormationTemplate.asMap(value);
                if (!"SQS".equals(event.get("Type"))) {
                    return;
                }
                consumers.add(function.logicalId());
                Map<String, Object> mapping = CloudFormationTemplate.map(event, "Properties");
                assertThat(mapping.get("FunctionResponseTypes")).as(function.logicalId()).isEqualTo(List.of("ReportBatchItemFailures"));
                assertThat(mapping).as(function.logicalId()).containsKeys("BatchSize", "MaximumBatchingWindowInSeconds");
                assertThat(CloudFormationTemplate.map(mapping, "ScalingConfig")).as(function.logicalId())
                        .containsKey("MaximumConcurrency");
                Resource queue = template.resource(referencedId(mapping.get("Queue")));
                int timeout = ((Number) effective(function, "Timeout").orElseThrow()).intValue();
                assertThat(((Number) queue.property("VisibilityTimeout").orElseThrow()).intValue())
                        .as(queue.logicalId() + " visibility timeout is at least six times " + function.logicalId() + "'s timeout")
                        .isGreaterThanOrEqualTo(6 * timeout);
                assertThat(queue.property("RedrivePolicy", "maxReceiveCount")).as(queue.logicalId()).isPresent();
                assertThat(queue.property("SqsManagedSseEnabled").or(() -> queue.property("KmsMasterKeyId")))
                        .as(queue.logicalId() + " is encrypted").isPresent();
            });
        }
        assertThat(consumers).isNotEmpty();
    }

    @Test
    void everyQueuePolicyAdmitsEventBridgeOnlyFromANamedRule() {
        for (Resource policy : template.resourcesOfType("AWS::SQS::QueuePolicy")) {
            for (Object statement : (List<?>) policy.property("PolicyDocument", "Statement").orElseThrow()) {
                Map<String, Object> allowed = CloudFormationTemplate.asMap(statement);
                assertThat(allowed.get("Principal")).as(policy.logicalId()).isEqualTo(Map.of("Service", "events.amazonaws.com"));
                assertThat(allowed.get("Action")).as(policy.logicalId()).isEqualTo("sqs:SendMessage");
                assertThat(CloudFormationTemplate.map(CloudFormationTemplate.map(allowed, "Condition"), "ArnEquals"))
                        .as(policy.logicalId() + " names the one rule it admits").containsKey("aws:SourceArn");
            }
        }
    }

    @Test
    void secretsComeFromSecretsManagerNeverFromEnvironmentVariables() {
        for (Resource function : functions()) {
            CloudFormationTemplate.map(CloudFormationTemplate.map(function.properties(), "Environment"), "Variables")
                    .forEach((name, value) -> assertThat(name).as(function.logicalId())
                            .doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("key_value"));
        }
        assertThat(template.resource("IssueInvoiceFunction").property("Environment", "Variables", "SIGNING_KEY_SECRET"))
                .as("the function gets the secret's ARN, not its value")
                .contains(Map.of("Ref", "InvoiceSigningKey"));
        assertThat(template.resource("InvoiceSigningKey").type()).isEqualTo("AWS::SecretsManager::Secret");
    }

    @Test
    void thePartnerBucketIsPrivateEncryptedTlsOnlyVersionedAndCleansUpAfterItself() {
        Resource bucket = template.resource("PartnerBucket");
        assertThat(bucket.property("PublicAccessBlockConfiguration")).contains(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket.property("BucketEncryption", "ServerSideEncryptionConfiguration")).isPresent();
        assertThat(bucket.property("VersioningConfiguration", "Status")).contains("Enabled");
        assertThat(bucket.property("NotificationConfiguration", "EventBridgeConfiguration", "EventBridgeEnabled")).contains(true);
        assertThat(bucket.property("LifecycleConfiguration", "Rules")).hasValueSatisfying(rules -> assertThat(list(rules))
                .extracting(rule -> CloudFormationTemplate.asMap(rule).get("Prefix"))
                .contains("reports/", "processed/"));
        Map<String, Object> tlsOnly = CloudFormationTemplate.asMap(list(template.resource("PartnerBucketPolicy")
                .property("PolicyDocument", "Statement").orElseThrow()).getFirst());
        assertThat(tlsOnly).containsEntry("Effect", "Deny")
                .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
    }

    @Test
    void asynchronousFunctionsRetryAFewTimesThenHandFailuresToAQueue() {
        for (String function : List.of("IngestFileFunction", "MarkOrderInvoicedFunction")) {
            Resource resource = template.resource(function);
            assertThat(resource.property("EventInvokeConfig", "MaximumRetryAttempts")).as(function).isPresent();
            Object destination = resource.property("EventInvokeConfig", "DestinationConfig", "OnFailure", "Destination").orElseThrow();
            assertThat(template.resource(referencedId(destination)).type()).as(function).isEqualTo("AWS::SQS::Queue");
        }
    }

    @Test
    void ingestionReservesConcurrencyOnlyWhenAskedSoAFirstDeployFitsANewAccount() {
        Object reservation = template.resource("IngestFileFunction").property("ReservedConcurrentExecutions").orElseThrow();

        assertThat(deployed(Map.of()).resolveOptional(reservation)).as("by default").isEmpty();
        assertThat(deployed(Map.of("IngestionReservedConcurrency", "2")).resolveOptional(reservation)).contains("2");
        Object intakeBound = template.resource("PlaceOrderFromQueueFunction").property("Events", "OrdersIntakeQueue",
                "Properties", "ScalingConfig", "MaximumConcurrency").orElseThrow();
        assertThat(Integer.parseInt(deployed(Map.of()).resolve(intakeBound))).as("the orders table stays protected by the intake's bound")
                .isBetween(2, 10);
    }

    @Test
    void byDefaultTheQueueConsumersLeaveMostOfANewAccountsTenConcurrentExecutionsToTheApi() {
        var stack = deployed(Map.of());
        int consumers = 0;
        for (Resource function : functions()) {
            for (Object event : CloudFormationTemplate.map(function.properties(), "Events").values()) {
                Map<String, Object> body = CloudFormationTemplate.asMap(event);
                if ("SQS".equals(body.get("Type"))) {
                    consumers += Integer.parseInt(stack.resolve(CloudFormationTemplate.map(CloudFormationTemplate.map(body,
                            "Properties"), "ScalingConfig").get("MaximumConcurrency")));
                }
            }
        }
        assertThat(consumers).as("concurrent executions the SQS consumers may take, of 10").isLessThanOrEqualTo(4);
    }

    @Test
    void businessDataSurvivesAStackDeleteAndAReplacement() {
        for (String id : List.of("OrdersTable", "InvoicesTable", "InvoiceSigningKey")) {
            Map<String, Object> body = template.resource(id).body();
            assertThat(body.get("DeletionPolicy")).as(id).isIn("Retain", "RetainExceptOnCreate", "Snapshot");
            assertThat(body.get("UpdateReplacePolicy")).as(id).isIn("Retain", "Snapshot");
        }
    }

    @Test
    void everyFunctionDeploysGraduallyInProdRolledBackByItsOwnErrorAndThrottleAlarms() {
        assertThat(functions()).allSatisfy(function -> {
            Map<String, Object> preference = CloudFormationTemplate.map(function.properties(), "DeploymentPreference");
            assertThat(preference.get("Type")).as(function.logicalId()).isEqualTo(Map.of("Ref", "DeploymentType"));
            List<String> alarms = list(preference.get("Alarms")).stream().map(TemplateRulesTest::referencedId).toList();
            assertThat(alarms).as(function.logicalId()).hasSize(2).allSatisfy(alarm -> {
                Resource resource = template.resource(alarm);
                assertThat(resource.property("Namespace")).contains("AWS/Lambda");
                assertThat(resource.property("Dimensions")).hasValueSatisfying(dimensions -> assertThat(list(dimensions))
                        .contains(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function.logicalId()))));
            });
            assertThat(alarms.stream().map(alarm -> template.resource(alarm).property("MetricName").orElseThrow()))
                    .containsExactlyInAnyOrder("Errors", "Throttles");
        });
        assertThat(template.parameterDefault("DeploymentType")).contains("AllAtOnce");
        assertThat(ProjectFiles.read("samconfig.toml")).contains("DeploymentType=Canary10Percent5Minutes");
    }

    @Test
    void theDashboardShowsTheApiEveryFunctionQueueAndWorkflowThePipeAndTheBusinessMetrics() {
        Object body = template.resource("OperationsDashboard").property("DashboardBody").orElseThrow();
        String text = String.valueOf(CloudFormationTemplate.asMap(body).get("Fn::Sub"));
        assertThat(Json.parse(text.replaceAll("\\$\\{[^}]+}", "x")).path("widgets").size()).as("a JSON dashboard").isPositive();
        assertThat(text).contains("\"AWS/ApiGateway\"", "\"5XXError\"", "\"Latency\"", "${OrderPlacedPipe}", "FailedInvocations",
                "OrdersPlaced", "InvoicesIssued");
        functions().forEach(function -> assertThat(text).as(function.logicalId()).contains("${" + function.logicalId() + "}"));
        template.resourcesOfType("AWS::SQS::Queue").forEach(queue -> assertThat(text).as(queue.logicalId())
                .contains("${" + queue.logicalId() + ".QueueName}"));
        template.resourcesOfType("AWS::Serverless::StateMachine").forEach(machine -> assertThat(text).as(machine.logicalId())
                .contains("${" + machine.logicalId() + "}"));
        for (String metric : List.of("Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions",
                "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage", "ExecutionsFailed", "ExecutionsTimedOut")) {
            assertThat(text).contains("\"" + metric + "\"");
        }
    }

    @Test
    void everyAlarmNotifiesAndNamesItsRunbookEntry() {
        String runbook = ProjectFiles.read("docs/operations.md");
        assertThat(template.resourcesOfType("AWS::CloudWatch::Alarm")).isNotEmpty().allSatisfy(alarm -> {
            assertThat(alarm.property("AlarmActions")).as(alarm.logicalId()).contains(List.of(Map.of("Ref", "AlarmTopic")));
            String description = String.valueOf(alarm.property("AlarmDescription").orElseThrow());
            java.util.regex.Matcher entry = java.util.regex.Pattern.compile("runbook docs/operations\\.md, ([^)]+)\\)")
                    .matcher(description);
            assertThat(entry.find()).as(alarm.logicalId() + ": " + description).isTrue();
            assertThat(runbook).as(alarm.logicalId() + "'s runbook entry").contains("**" + entry.group(1) + ".**");
        });
        assertThat(template.resourcesOfType("AWS::CloudWatch::Alarm")).extracting(Resource::logicalId)
                .contains("ApiServerErrorRateAlarm", "ApiLatencyAlarm", "InvoiceQueueAgeAlarm", "OrdersIntakeQueueAgeAlarm");
    }

    @Test
    void whatFailedOutlivesTheStackInEveryDeadLetterQueue() {
        assertThat(deadLetterQueues()).isNotEmpty().allSatisfy(queue -> {
            Map<String, Object> body = template.resource(queue).body();
            assertThat(body.get("DeletionPolicy")).as(queue).isIn("Retain", "RetainExceptOnCreate");
            assertThat(body.get("UpdateReplacePolicy")).as(queue).isEqualTo("Retain");
        });
    }

    @Test
    void everyDeadLetterQueueIsNamedInTheOutputTheOperatorsAndTheDrillsRead() {
        Map<String, Object> value = CloudFormationTemplate.asMap(CloudFormationTemplate.asMap(
                template.outputs().get("DeadLetterQueueUrls")).get("Value"));
        List<Object> join = list(value.get("Fn::Join"));
        Set<String> listed = new HashSet<>();
        list(join.get(1)).forEach(reference -> listed.add(referencedId(reference)));

        assertThat(join.getFirst()).isEqualTo(" ");
        assertThat(listed).as("DeadLetterQueueUrls").isEqualTo(deadLetterQueues());
    }

    @Test
    void theApiLogsExecutionErrorsButNeverBodies() {
        Map<String, Object> settings = CloudFormationTemplate.asMap(list(template.resource("ShopApi")
                .property("MethodSettings").orElseThrow()).getFirst());
        assertThat(settings).containsEntry("LoggingLevel", "ERROR").containsEntry("DataTraceEnabled", false);
    }

    @Test
    void thePartnerBucketsAccessIsLoggedToAPrivateBucketThatExpiresTheLogs() {
        Resource bucket = template.resource("PartnerBucket");
        assertThat(bucket.property("LoggingConfiguration", "DestinationBucketName"))
                .contains(Map.of("Ref", "PartnerBucketAccessLogs"));
        Resource logs = template.resource("PartnerBucketAccessLogs");
        assertThat(logs.property("PublicAccessBlockConfiguration", "RestrictPublicBuckets")).contains(true);
        assertThat(logs.property("BucketEncryption", "ServerSideEncryptionConfiguration")).isPresent();
        assertThat(logs.property("LifecycleConfiguration", "Rules")).hasValueSatisfying(rules -> assertThat(list(rules))
                .anySatisfy(rule -> assertThat(CloudFormationTemplate.asMap(rule)).containsKey("ExpirationInDays")));
        assertThat(Json.write(template.resource("PartnerBucketAccessLogsPolicy").property("PolicyDocument").orElseThrow()))
                .as("only S3's log delivery, only from the partner bucket").contains("logging.s3.amazonaws.com")
                .contains("PartnerBucket");
    }

    @Test
    void everyNameBuiltFromTheStackNameFitsItsLimitForTheLongestStackName() {
        var stack = deployed(Map.of());
        List<String> tooLong = new ArrayList<>();
        for (Resource resource : template.resources().values()) {
            checkNames(stack, resource.logicalId(), resource.type(), resource.properties(), tooLong);
            CloudFormationTemplate.map(resource.properties(), "Events").forEach((name, event) -> {
                Map<String, Object> body = CloudFormationTemplate.asMap(event);
                checkNames(stack, resource.logicalId() + "." + name, String.valueOf(body.get("Type")),
                        CloudFormationTemplate.map(body, "Properties"), tooLong);
            });
        }
        assertThat(tooLong).isEmpty();
    }

    @Test
    void ingestionReadsWritesAndDeletesOnlyWhereItMust() {
        Resource ingestion = template.resource("IngestFileFunction");
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
                "s3:ListBucket");
        assertThat(grants.get("s3:DeleteObject")).containsExactly("{\"Fn::Sub\":\"${PartnerBucket.Arn}/incoming/*\"}");
        assertThat(grants.get("s3:PutObject")).containsExactlyInAnyOrder("{\"Fn::Sub\":\"${PartnerBucket.Arn}/reports/*\"}",
                "{\"Fn::Sub\":\"${PartnerBucket.Arn}/processed/*\"}");
    }

    @Test
    void thePipeReadsItsStreamWithTheActionsPipesNeedsInTheFormIamEvaluates() {
        List<Map<String, Object>> statements = roleStatements("OrderPlacedPipeRole");
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
        List<Map<String, Object>> statements = roleStatements("OrderPlacedPipeRole");
        assertThat(statements).anySatisfy(statement -> {
            assertThat(strings(statement.get("Action"))).contains("logs:CreateLogStream", "logs:PutLogEvents");
            assertThat(Json.write(statement.get("Resource"))).contains("OrderPlacedPipeLogGroup.Arn");
        });
        assertThat(template.resource("OrderPlacedPipe").property("LogConfiguration", "CloudwatchLogsLogDestination",
                "LogGroupArn")).contains(Map.of("Fn::GetAtt", List.of("OrderPlacedPipeLogGroup", "Arn")));
    }

    @Test
    void theOrdersTableIsRecoverableAndStreamsNewImages() {
        Resource table = template.resource("OrdersTable");
        assertThat(table.property("BillingMode")).contains("PAY_PER_REQUEST");
        assertThat(table.property("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")).contains(true);
        assertThat(table.property("StreamSpecification", "StreamViewType")).contains("NEW_IMAGE");
    }

    @Test
    void orderPlacedReachesTheBusFromTheStreamWithNoFunctionInBetween() {
        Resource pipe = template.resource("OrderPlacedPipe");
        assertThat(pipe.property("Source")).contains(Map.of("Fn::GetAtt", List.of("OrdersTable", "StreamArn")));
        assertThat(pipe.property("Target")).contains(Map.of("Fn::GetAtt", List.of("EventBus", "Arn")));
        assertThat(pipe.property("Enrichment")).isEmpty();
        assertThat(pipe.property("TargetParameters", "EventBridgeEventBusParameters", "DetailType")).contains("OrderPlaced");
        assertThat(pipe.property("SourceParameters", "DynamoDBStreamParameters", "DeadLetterConfig", "Arn")).isPresent();
    }

    @Test
    void theBusIsArchivedForReplay() {
        assertThat(template.resourcesOfType("AWS::Events::Archive"))
                .anySatisfy(archive -> assertThat(archive.property("SourceArn"))
                        .contains(Map.of("Fn::GetAtt", List.of("EventBus", "Arn"))));
    }

    private DeployedStack deployed(Map<String, String> parameters) {
        return new DeployedStack(template, LONGEST_STACK_NAME, "ap-southeast-2", "123456789012", parameters);
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

    private List<Resource> functions() {
        return template.resourcesOfType("AWS::Serverless::Function");
    }

    private Optional<Object> effective(Resource function, String property) {
        return function.property(property).or(() -> Optional.ofNullable(template.functionGlobals().get(property)));
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
    private List<Map<String, Object>> roleStatements(String roleId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(template.resource(roleId).property("Policies").orElseThrow())) {
            list(CloudFormationTemplate.map(CloudFormationTemplate.asMap(policy), "PolicyDocument").get("Statement"))
                    .forEach(statement -> statements.add(CloudFormationTemplate.asMap(statement)));
        }
        return statements;
    }

    /** Allow statements of every role, policy and function in the template. */
    private List<Map<String, Object>> allowStatements() {
        List<Object> documents = new ArrayList<>();
        for (Resource resource : template.resources().values()) {
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
        return documents.stream()
                .map(CloudFormationTemplate::asMap)
                .flatMap(document -> ((List<?>) document.get("Statement")).stream())
                .map(CloudFormationTemplate::asMap)
                .filter(statement -> "Allow".equals(statement.get("Effect")))
                .toList();
    }

    /** Queues named as a dead-letter target anywhere: pipes, queues' redrive, rule targets, async functions' on-failure destinations. */
    private Set<String> deadLetterQueues() {
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
