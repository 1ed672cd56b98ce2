package com.example.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.tests.ProjectFiles;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;

/**
 * Every template of the application (the root and each service stack) passes SAM's own validation
 * with its linter, and cfn-lint with the serverless rules finds nothing: their loops expanded the way
 * CloudFormation expands them (samconfig.toml's language_extensions; cfn-lint does it itself).
 */
class TemplateLintTest {

    private static final Map<String, String> OFFLINE = Map.of("SAM_CLI_TELEMETRY", "0", "AWS_DEFAULT_REGION", "us-east-1");

    @Test
    void theApplicationIsTheRootTemplateAndAStackPerService() {
        assertThat(ApplicationTemplates.files()).containsExactly("template.yaml", "orders-service/template.yaml",
                "invoice-service/template.yaml", "ingestion-service/template.yaml");
    }

    @Test
    void samValidateWithLintPassesOnEveryTemplate() {
        for (String template : ApplicationTemplates.files()) {
            Command.Result result = new Command(List.of(DevTools.executable("sam").toString(), "validate", "--lint",
                    "--template-file", template, "--region", "us-east-1"), ProjectFiles.root(), OFFLINE).run(300);

            assertThat(result.exitCode()).as(template + ": " + result.output()).isZero();
            assertThat(result.output()).as(template).contains("is a valid SAM Template");
        }
    }

    @Test
    void cfnLintWithTheServerlessRulesFindsNothingInAnyTemplate() {
        List<String> command = new ArrayList<>(List.of(DevTools.executable("cfn-lint").toString(), "--append-rules",
                "cfn_lint_serverless.rules", "--"));
        command.addAll(ApplicationTemplates.files());
        Command.Result result = new Command(command, ProjectFiles.root(), OFFLINE).run(300);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
