package com.example.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.tests.ProjectFiles;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;

/** The template passes SAM's own validation with its linter, and cfn-lint with no errors or warnings. */
class TemplateLintTest {

    private static final Map<String, String> OFFLINE = Map.of("SAM_CLI_TELEMETRY", "0", "AWS_DEFAULT_REGION", "us-east-1");

    @Test
    void samValidateWithLintPasses() {
        Command.Result result = new Command(List.of(DevTools.executable("sam").toString(), "validate", "--lint",
                "--template-file", "template.yaml", "--region", "us-east-1"), ProjectFiles.root(), OFFLINE).run(300);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("is a valid SAM Template");
    }

    @Test
    void cfnLintFindsNothing() {
        Command.Result result = new Command(List.of(DevTools.executable("cfn-lint").toString(), "template.yaml"),
                ProjectFiles.root(), OFFLINE).run(300);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
