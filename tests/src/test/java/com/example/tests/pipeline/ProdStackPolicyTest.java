package com.example.tests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;
import com.example.tests.template.ApplicationTemplates;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Prod's service stacks and bus outlive any deploy: the prod deploy sets a stack policy that denies
 * deleting or replacing them, so flipping Services from nested to separate (which would delete the
 * service stacks, their queues with in-flight work, and orphan their tables, bucket and key) fails
 * and rolls back instead.
 */
class ProdStackPolicyTest {

    private final JsonNode policy = Json.parse(ProjectFiles.read("tools/pipeline/prod-stack-policy.json"));

    @Test
    void everyServiceStackAndTheBusAreNeverDeletedOrReplacedInProd() {
        Set<String> guarded = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            if (statement.path("Effect").asText().equals("Deny")) {
                assertThat(statement.path("Action")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Update:Delete", "Update:Replace");
                statement.path("Resource").forEach(resource -> guarded.add(resource.asText().replaceFirst("^LogicalResourceId/", "")));
            }
        }
        CloudFormationTemplate root = ApplicationTemplates.root().template();
        Set<String> expected = new TreeSet<>(List.of("EventBus", "EventArchive"));
        root.resourcesOfType("AWS::Serverless::Application").forEach(service -> expected.add(service.logicalId()));
        assertThat(guarded).isEqualTo(expected);
        guarded.forEach(id -> assertThat(root.resources()).as(id + " is a resource of template.yaml").containsKey(id));
    }

    @Test
    void theProdDeploySetsItAndTheProdDeployRoleMay() {
        String workflow = ProjectFiles.read(".github/workflows/deploy-environment.yml");
        assertThat(workflow).contains("if: inputs.config-env == 'prod'", "set-stack-policy",
                "--stack-policy-body file://tools/pipeline/prod-stack-policy.json");
        assertThat(ProjectFiles.read("tools/pipeline/github-oidc-role.yaml")).contains("cloudformation:SetStackPolicy");
        Command.Result name = new Command(List.of(DevTools.python().toString(), "tools/pipeline/stack-name", "prod"),
                ProjectFiles.root(), Map.of()).run(60);
        assertThat(name.output().trim()).isEqualTo("serverless-orders-prod");
    }
}
