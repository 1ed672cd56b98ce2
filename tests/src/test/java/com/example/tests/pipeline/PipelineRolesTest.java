package com.example.tests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.DeployedStack;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;

/**
 * The pipeline's roles (tools/pipeline/github-oidc-role.yaml), deployed for a repository and
 * resolved: each environment's deploy role is assumed only by that GitHub environment's jobs (prod's
 * only from the protected ref), reaches only that environment's stacks and execution role, never the
 * pipeline's own stack, and makes only the smoke tests' API calls on that environment's stage.
 */
class PipelineRolesTest {

    private static final String FILE = "tools/pipeline/github-oidc-role.yaml";
    private static final DeployedStack PIPELINE = new DeployedStack(CloudFormationTemplate.load(ProjectFiles.resolve(FILE)),
            "serverless-orders-pipeline", "eu-west-1", "123456789012", Map.of("GitHubOrganisation", "acme", "GitHubRepository", "shop"));

    static {
        for (String environment : List.of("Dev", "Prod")) {
            PIPELINE.putAttribute(environment + "CloudFormationExecutionRole", "Arn",
                    "arn:aws:iam::123456789012:role/" + environment + "-execution");
        }
    }

    @Test
    void eachEnvironmentsDeployRoleIsAssumedOnlyByThatEnvironmentsJobsAndProdOnlyFromItsRef() {
        assertThat(subject("Dev")).isEqualTo("repo:acme/shop:environment:dev:ref:*");
        assertThat(subject("Prod")).isEqualTo("repo:acme/shop:environment:prod:ref:refs/heads/main");
    }

    @Test
    void aDeployRoleReachesOnlyItsEnvironmentsStacksAndNeverThePipelinesOwn() {
        for (String environment : List.of("Dev", "Prod")) {
            String stage = environment.toLowerCase(java.util.Locale.ROOT);
            String other = stage.equals("dev") ? "prod" : "dev";
            List<Map<String, Object>> statements = statements(environment + "DeployRole");
            String granted = Json.write(allowed(statements));

            assertThat(granted).as(environment).contains(":stack/serverless-orders-" + stage + "/*",
                    ":stack/serverless-orders-" + stage + "-*/*", "role/" + environment + "-execution", "/" + stage + "/")
                    .doesNotContain("serverless-orders-" + other, "role/" + (stage.equals("dev") ? "Prod" : "Dev") + "-execution",
                            "stack/serverless-orders-*", "dynamodb:", "sqs:", "events:");
            assertThat(statements).as(environment + " denies itself the pipeline's stack").anySatisfy(statement ->
                    assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Action", "cloudformation:*")
                            .containsEntry("Resource", PIPELINE.stackId()));
            List<String> smoke = allowed(statements).stream().filter(statement -> "execute-api:Invoke".equals(statement.get("Action")))
                    .flatMap(statement -> strings(statement.get("Resource")).stream()).toList();
            assertThat(smoke).as(environment + ": the smoke tests' routes on its stage").isNotEmpty()
                    .allSatisfy(resource -> assertThat(resource).contains(":*/" + stage + "/"));
            assertThat(granted).as(environment + ": S3 only SAM's artifact bucket").doesNotContain("s3:::serverless-orders");
        }
    }

    @Test
    void anExecutionRoleManagesOnlyItsEnvironmentsRolesAndPolicies() {
        for (String environment : List.of("Dev", "Prod")) {
            String stage = environment.toLowerCase(java.util.Locale.ROOT);
            List<Map<String, Object>> statements = statements(environment + "CloudFormationExecutionRole");
            for (Map<String, Object> statement : allowed(statements)) {
                strings(statement.get("Resource")).forEach(resource -> assertThat(resource).as(environment)
                        .matches("arn:aws:iam::123456789012:(role|policy)/serverless-orders-" + stage + "-\\*"));
            }
            assertThat(statements).anySatisfy(statement -> assertThat(statement).containsEntry("Effect", "Deny")
                    .containsEntry("Action", "cloudformation:*"));
            String other = stage.equals("dev") ? "prod" : "dev";
            assertThat(statements).as(environment + ": never the other environment's resources, whatever PowerUserAccess allows")
                    .anySatisfy(statement -> assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Action", "*")
                            .containsEntry("Resource", "arn:aws:*:*:*:*serverless-orders-" + other + "*"));
        }
    }

    @Test
    void onlyProdsDeployRoleMaySetAStackPolicy() {
        assertThat(Json.write(allowed(statements("ProdDeployRole")))).contains("cloudformation:SetStackPolicy");
        assertThat(Json.write(allowed(statements("DevDeployRole")))).doesNotContain("cloudformation:SetStackPolicy");
    }

    @Test
    void cfnLintFindsNothing() {
        Command.Result result = new Command(List.of(DevTools.executable("cfn-lint").toString(), "--", FILE), ProjectFiles.root(),
                Map.of("AWS_DEFAULT_REGION", "us-east-1")).run(300);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String subject(String environment) {
        Map<String, Object> document = CloudFormationTemplate.asMap(resolved(environment + "DeployRole").get("AssumeRolePolicyDocument"));
        Map<String, Object> statement = CloudFormationTemplate.asMap(((List<?>) document.get("Statement")).getFirst());
        return String.valueOf(CloudFormationTemplate.map(CloudFormationTemplate.map(statement, "Condition"), "StringLike")
                .get("token.actions.githubusercontent.com:sub"));
    }

    private static Map<String, Object> resolved(String role) {
        return CloudFormationTemplate.asMap(PIPELINE.resolveAll(PIPELINE.template().resource(role).properties()));
    }

    private static List<Map<String, Object>> statements(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : (List<?>) resolved(role).get("Policies")) {
            Map<String, Object> document = CloudFormationTemplate.map(CloudFormationTemplate.asMap(policy), "PolicyDocument");
            ((List<?>) document.get("Statement")).forEach(statement -> statements.add(CloudFormationTemplate.asMap(statement)));
        }
        return statements;
    }

    private static List<Map<String, Object>> allowed(List<Map<String, Object>> statements) {
        return statements.stream().filter(statement -> "Allow".equals(statement.get("Effect"))).toList();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }
}
