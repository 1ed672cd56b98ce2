package com.example.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Step Functions definitions: valid Amazon States Language (asl-validator), wired to the
 * template by exactly the substitutions they use, retrying transient failures with backoff and
 * jitter and catching the rest.
 */
class StateMachineDefinitionTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private final CloudFormationTemplate template = CloudFormationTemplate.load(ProjectFiles.resolve("template.yaml"));

    @Test
    void everyDefinitionIsValidAmazonStatesLanguage() {
        for (Resource stateMachine : stateMachines()) {
            String file = stateMachine.stringProperty("DefinitionUri");
            Command.Result result = new Command(List.of(DevTools.executable("asl-validator").toString(),
                    "--json-path", file), ProjectFiles.root(), Map.of()).run(120);

            assertThat(result.exitCode()).as(file + ": " + result.output()).isZero();
        }
    }

    @Test
    void everyPlaceholderHasASubstitutionAndEverySubstitutionIsUsed() {
        for (Resource stateMachine : stateMachines()) {
            Set<String> used = new TreeSet<>();
            Matcher placeholder = PLACEHOLDER.matcher(ProjectFiles.read(stateMachine.stringProperty("DefinitionUri")));
            while (placeholder.find()) {
                used.add(placeholder.group(1));
            }
            Set<String> substituted = new TreeSet<>(CloudFormationTemplate.asMap(
                    stateMachine.property("DefinitionSubstitutions").orElse(Map.of())).keySet());

            assertThat(used).as(stateMachine.logicalId()).isEqualTo(substituted);
        }
    }

    @Test
    void everyTaskRetriesTransientErrorsWithBackoffAndJitterAndCatchesTheRest() {
        for (Resource stateMachine : stateMachines()) {
            JsonNode definition = Json.parse(ProjectFiles.read(stateMachine.stringProperty("DefinitionUri")));
            for (JsonNode state : tasks(definition)) {
                String name = stateMachine.logicalId() + "." + state.get("name").asText();
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

    @Test
    void workflowsAreTracedAndLogWithoutExecutionData() {
        for (Resource stateMachine : stateMachines()) {
            assertThat(stateMachine.property("Tracing", "Enabled")).as(stateMachine.logicalId()).contains(true);
            assertThat(stateMachine.property("Logging", "IncludeExecutionData")).as(stateMachine.logicalId()).contains(false);
            assertThat(stateMachine.property("Logging", "Destinations")).as(stateMachine.logicalId()).isPresent();
        }
        assertThat(template.resource("OrderFulfilmentStateMachine").property("Type")).contains("STANDARD");
    }

    @Test
    void everyRuleTargetRetriesAndHasADeadLetterQueue() {
        for (Resource stateMachine : stateMachines()) {
            CloudFormationTemplate.map(stateMachine.properties(), "Events").forEach((name, event) -> {
                Map<String, Object> properties = CloudFormationTemplate.map(CloudFormationTemplate.asMap(event), "Properties");
                assertThat(properties).as(stateMachine.logicalId() + "." + name).containsKeys("RetryPolicy", "DeadLetterConfig");
            });
        }
    }

    private List<Resource> stateMachines() {
        List<Resource> stateMachines = template.resourcesOfType("AWS::Serverless::StateMachine");
        assertThat(stateMachines).isNotEmpty();
        return stateMachines;
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
