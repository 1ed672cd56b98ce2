package com.example.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.stepfunctions.StateMachineDefinition;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Step Functions definitions (YAML, in statemachine/): valid Amazon States Language
 * (asl-validator), wired to their template by exactly the substitutions they use, retrying
 * transient failures with backoff and jitter, with one retry policy per integration, and catching
 * the rest.
 */
class StateMachineDefinitionTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    @Test
    void everyDefinitionIsValidAmazonStatesLanguage() {
        for (Definition definition : definitions()) {
            Command.Result result = new Command(List.of(DevTools.executable("asl-validator").toString(),
                    "--yaml-path", definition.file().toString()), ProjectFiles.root(), Map.of()).run(120);

            assertThat(result.exitCode()).as(definition.file() + ": " + result.output()).isZero();
        }
    }

    @Test
    void everyPlaceholderHasASubstitutionAndEverySubstitutionIsUsed() {
        for (Definition definition : definitions()) {
            Set<String> used = new TreeSet<>();
            Matcher placeholder = PLACEHOLDER.matcher(ProjectFiles.read(ProjectFiles.root().relativize(definition.file()).toString()));
            while (placeholder.find()) {
                used.add(placeholder.group(1));
            }
            Set<String> substituted = new TreeSet<>(CloudFormationTemplate.asMap(
                    definition.stateMachine().property("DefinitionSubstitutions").orElse(Map.of())).keySet());

            assertThat(used).as(definition.name()).isEqualTo(substituted);
        }
    }

    @Test
    void everyTaskRetriesTransientErrorsWithBackoffAndJitterAndCatchesTheRest() {
        for (Definition definition : definitions()) {
            for (JsonNode state : tasks(definition.document())) {
                String name = definition.name() + "." + state.get("name").asText();
                JsonNode body = state.get("body");
                assertThat(body.path("Retry")).as(name + " retries").isNotEmpty();
                body.path("Retry").forEach(retry -> {
                    assertThat(retry.path("JitterStrategy").asText()).as(name).isEqualTo("FULL");
                    assertThat(retry.path("BackoffRate").asDouble()).as(name).isGreaterThan(1.0);
                    assertThat(retry.path("ErrorEquals").toString()).as(name + " never retries everything")
                            .doesNotContain("States.ALL", "States.TaskFailed");
                });
                assertThat(body.path("Catch")).as(name + " catches").isNotEmpty();
            }
        }
    }

    /**
     * ASL cannot name a retry policy and refer to it, and Step Functions refuses YAML aliases in a
     * definition file, so each task states its integration's policy: this keeps them one policy.
     */
    @Test
    void everyTaskOfOneIntegrationRetriesWithTheSamePolicy() {
        Map<String, JsonNode> policies = new LinkedHashMap<>();
        List<String> differing = new ArrayList<>();
        for (Definition definition : definitions()) {
            for (JsonNode state : tasks(definition.document())) {
                String integration = state.get("body").path("Resource").asText().replaceAll("\\.waitForTaskToken$", "");
                JsonNode retry = state.get("body").path("Retry");
                JsonNode first = policies.putIfAbsent(integration, retry);
                if (first != null && !first.equals(retry)) {
                    differing.add(definition.name() + "." + state.get("name").asText() + " retries " + integration
                            + " unlike the first task that calls it");
                }
            }
        }
        assertThat(policies).as("integrations the workflows call").hasSizeGreaterThanOrEqualTo(3);
        assertThat(differing).isEmpty();
    }

    @Test
    void workflowsAreTracedAndLogWithoutExecutionData() {
        for (Definition definition : definitions()) {
            Resource stateMachine = definition.stateMachine();
            assertThat(stateMachine.property("Tracing", "Enabled")).as(definition.name()).contains(true);
            assertThat(stateMachine.property("Logging", "IncludeExecutionData")).as(definition.name()).contains(false);
            assertThat(stateMachine.property("Logging", "Destinations")).as(definition.name()).isPresent();
        }
        assertThat(ApplicationTemplates.resource("OrderFulfilmentStateMachine").property("Type")).contains("STANDARD");
    }

    @Test
    void everyRuleTargetRetriesAndHasADeadLetterQueue() {
        for (Definition definition : definitions()) {
            CloudFormationTemplate.map(definition.stateMachine().properties(), "Events").forEach((name, event) -> {
                Map<String, Object> properties = CloudFormationTemplate.map(CloudFormationTemplate.asMap(event), "Properties");
                assertThat(properties).as(definition.name() + "." + name).containsKeys("RetryPolicy", "DeadLetterConfig");
            });
        }
    }

    /** A state machine of the application, its definition file and that file as JSON. */
    private record Definition(String name, Resource stateMachine, Path file, JsonNode document) {
    }

    private static List<Definition> definitions() {
        List<Definition> definitions = new ArrayList<>();
        for (DeployedStack stack : ApplicationTemplates.stacks()) {
            for (Resource stateMachine : stack.template().resourcesOfType("AWS::Serverless::StateMachine")) {
                Path file = stack.template().file(stateMachine.stringProperty("DefinitionUri"));
                assertThat(file.startsWith(ProjectFiles.resolve("statemachine"))).as(file + " is in statemachine/").isTrue();
                definitions.add(new Definition(stack.qualified(stateMachine.logicalId()), stateMachine, file,
                        Json.parse(StateMachineDefinition.read(file, Map.of()))));
            }
        }
        assertThat(definitions).isNotEmpty();
        return definitions;
    }

    /** Every Task state, with its name, nested ones included. */
    private static List<JsonNode> tasks(JsonNode definition) {
        List<JsonNode> tasks = new ArrayList<>();
        definition.path("States").properties().forEach(state -> {
            if ("Task".equals(state.getValue().path("Type").asText())) {
                tasks.add(Json.tree(Map.of("name", state.getKey(), "body", state.getValue())));
            }
            state.getValue().path("Branches").forEach(branch -> tasks.addAll(tasks(branch)));
            if (state.getValue().has("ItemProcessor")) {
                tasks.addAll(tasks(state.getValue().get("ItemProcessor")));
            }
        });
        return tasks;
    }
}
