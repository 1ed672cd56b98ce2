package com.example.tests.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.stepfunctions.StateMachineDefinition;
import com.example.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.example.tests.local.DevTools;
import com.example.tests.template.ApplicationTemplates;

/**
 * Every grant is an action some code performs, and every action the code performs is granted: the
 * actions of each function's role are exactly those its handler's code calls for ({@link SdkCalls}),
 * and those of each workflow's role exactly those its definition's tasks call. A grant no call needs
 * (an unused {@code PutItem} could replace whole orders) fails here, as does a call without its grant
 * (it would fail in AWS with AccessDenied). Resources are held by TemplateRulesTest: one each.
 */
class GrantsFollowTheCodeTest {

    /** A task's integration: {@code arn:aws:states:::dynamodb:updateItem}, optionally {@code .sync} or {@code .waitForTaskToken}. */
    private static final Pattern INTEGRATION = Pattern.compile("arn:aws:states:::(aws-sdk:)?([a-z0-9]+):(\\w+)(\\.\\w+)?(:.*)?");

    /** Optimised integrations whose IAM action is not their name. */
    private static final Map<String, String> INTEGRATION_ACTIONS = Map.of("lambda:invoke", "lambda:InvokeFunction");

    private static final SdkCalls CODE = SdkCalls.onClassPath();

    @Test
    void eachFunctionIsGrantedExactlyTheActionsItsCodeCalls() {
        Map<String, Set<String>> granted = new TreeMap<>();
        Map<String, Set<String>> called = new TreeMap<>();
        for (DeployedStack stack : ApplicationTemplates.stacks()) {
            for (Resource function : stack.template().resourcesOfType("AWS::Serverless::Function")) {
                String id = stack.qualified(function.logicalId());
                String handler = ((String) function.property("Handler").orElseThrow()).replaceFirst("::.*$", "");
                granted.put(id, grantedActions(id, function));
                called.put(id, CODE.actionsOf(handler));
            }
        }
        assertThat(granted).hasSize(9);
        assertThat(granted).isEqualTo(called);
    }

    @Test
    void eachWorkflowIsGrantedExactlyTheActionsOfItsTasks() {
        Map<String, Set<String>> granted = new TreeMap<>();
        Map<String, Set<String>> called = new TreeMap<>();
        for (DeployedStack stack : ApplicationTemplates.stacks()) {
            for (Resource workflow : stack.template().resourcesOfType("AWS::Serverless::StateMachine")) {
                String id = stack.qualified(workflow.logicalId());
                granted.put(id, grantedActions(id, workflow));
                Path definition = stack.template().file(workflow.stringProperty("DefinitionUri"));
                called.put(id, taskActions(Json.parse(StateMachineDefinition.read(definition, Map.of()))));
            }
        }
        assertThat(granted).hasSize(3);
        assertThat(granted).isEqualTo(called);
    }

    /** The analysis itself: it follows calls through interfaces and lambdas into the layer, and names S3's odd ones. */
    @Test
    void theCodesCallsAreReadThroughInterfacesLambdasAndTheLayer() {
        assertThat(CODE.actionsOf("com.example.orders.api.GetOrderHandler")).as("a read through OrderRepository's implementation")
                .containsExactly("dynamodb:GetItem");
        assertThat(CODE.actionsOf("com.example.invoices.issuing.IssueInvoiceHandler")).as("the layer's EventPublisher, "
                + "Powertools' parameters and a secret read in a lambda").contains("events:PutEvents", "ssm:GetParameter",
                "secretsmanager:GetSecretValue");
        assertThat(SdkCalls.actionsFor("s3", "headObject")).containsExactly("s3:GetObject", "s3:ListBucket");
        assertThat(SdkCalls.actionsFor("sfn", "sendTaskSuccess")).containsExactly("states:SendTaskSuccess");
        assertThat(SdkCalls.actionsFor("dynamodb", "queryPaginator")).containsExactly("dynamodb:Query");
        assertThatThrownBy(() -> CODE.actionsOf("com.example.orders.api.NoSuchHandler")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The table of SAM policy templates holds what the SAM CLI's own translator grants. */
    @Test
    void thePolicyTemplatesWeAllowGrantWhatSamSaysTheyGrant() throws Exception {
        String script = """
                import json, sys
                from samtranslator.policy_template_processor.processor import PolicyTemplatesProcessor
                templates = PolicyTemplatesProcessor.get_default_policy_templates_json()["Templates"]
                actions = lambda statement: statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
                print(json.dumps({name: sorted(a for s in templates[name]["Definition"]["Statement"] for a in actions(s))
                                  for name in sys.argv[1:]}))
                """;
        List<String> command = new ArrayList<>(List.of(DevTools.python().toString(), "-c", script));
        command.addAll(SamPolicyTemplates.ACTIONS.keySet());
        Process python = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode sam = Json.parse(new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(python.waitFor()).isZero();
        SamPolicyTemplates.ACTIONS.forEach((template, actions) -> assertThat(Json.convert(sam.path(template), List.class))
                .as(template).isEqualTo(actions.stream().sorted().toList()));
    }

    /** Today's grants on yesterday's shape: a policy template that grants more than a call is refused by name. */
    @Test
    void aPolicyTemplateThatGrantsMoreThanItsCallIsRefused() {
        Resource function = CloudFormationTemplate.parse("""
                Resources:
                  MarkOrderInvoicedFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - DynamoDBWritePolicy: {TableName: !Ref OrdersTable}
                """).resource("MarkOrderInvoicedFunction");
        assertThatThrownBy(() -> grantedActions("MarkOrderInvoicedFunction", function)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("uses DynamoDBWritePolicy");
    }

    @Test
    void theTasksOfBranchesAreReadToo() {
        assertThat(taskActions(Json.parse("""
                {"States": {"Branches": {"Type": "Parallel", "Branches": [{"States": {"Put": {"Type": "Task",
                  "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken", "End": true}}}]}}}""")))
                .containsExactly("events:PutEvents");
    }

    /** Actions of a function's or workflow's Policies: its statements' and its SAM policy templates'. */
    private static Set<String> grantedActions(String id, Resource principal) {
        Set<String> actions = new TreeSet<>();
        for (Object policy : (List<?>) principal.property("Policies").orElse(List.of())) {
            Map<String, Object> entry = CloudFormationTemplate.asMap(policy);
            if (entry.containsKey("Statement")) {
                for (Object statement : (List<?>) entry.get("Statement")) {
                    Map<String, Object> body = CloudFormationTemplate.asMap(statement);
                    assertThat(body.get("Effect")).as(id).isEqualTo("Allow");
                    actions.addAll(strings(body.get("Action")));
                }
            } else if (entry.containsKey("Ref")) {
                // A managed policy of the stack: the workflows' log delivery, not a call of their definition.
                assertThat(principal.type()).as(id + " attaches a managed policy no test reads").isEqualTo("AWS::Serverless::StateMachine");
            } else {
                String template = entry.keySet().iterator().next();
                assertThat(SamPolicyTemplates.ACTIONS).as(id + " uses " + template
                        + ", a SAM policy template that grants more than one call: write the statement").containsKey(template);
                actions.addAll(SamPolicyTemplates.ACTIONS.get(template));
            }
        }
        return actions;
    }

    /** The IAM action of every Task state of a definition, nested ones (Parallel, Map) included. */
    private static Set<String> taskActions(JsonNode definition) {
        Set<String> actions = new TreeSet<>();
        List<JsonNode> nodes = new ArrayList<>(List.of(definition));
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.removeLast();
            if ("Task".equals(node.path("Type").asText()) && node.path("Resource").isTextual()) {
                actions.addAll(taskActions(node.path("Resource").asText()));
            }
            node.forEach(nodes::add);
        }
        return actions;
    }

    private static List<String> taskActions(String resource) {
        Matcher integration = INTEGRATION.matcher(resource);
        assertThat(integration.matches()).as("a service integration: " + resource).isTrue();
        String call = integration.group(2) + ":" + integration.group(3);
        if (INTEGRATION_ACTIONS.containsKey(call)) {
            return List.of(INTEGRATION_ACTIONS.get(call));
        }
        assertThat(integration.group(4)).as(resource + ": a .sync integration needs more than its call").isNotEqualTo(".sync");
        List<String> actions = SdkCalls.actionsFor(integration.group(2), integration.group(3));
        assertThat(actions).as(resource + ": a transaction's actions are not in its name").isNotEmpty();
        return actions;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String.class::cast).toList() : List.of((String) value);
    }
}
