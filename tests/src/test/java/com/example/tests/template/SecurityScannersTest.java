package com.example.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.tests.ProjectFiles;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;

/**
 * The security and serverless scanners pass on the template: cfn-lint with the serverless rules and
 * checkov. A finding is fixed, or suppressed on its resource with a one-line reason; a new finding
 * fails the build.
 */
class SecurityScannersTest {

    private static final Map<String, String> OFFLINE = Map.of("AWS_DEFAULT_REGION", "us-east-1", "BC_SKIP_MAPPING", "TRUE");
    private static final Pattern IGNORED = Pattern.compile("ignore_checks: \\[([^]]*)]");

    @Test
    void cfnLintWithTheServerlessRulesFindsNothing() {
        Command.Result result = new Command(List.of(DevTools.executable("cfn-lint").toString(), "template.yaml",
                "--append-rules", "cfn_lint_serverless.rules"), ProjectFiles.root(), OFFLINE).run(300);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void checkovFindsNothing() {
        Command.Result result = new Command(List.of(DevTools.executable("checkov").toString(), "-f", "template.yaml",
                "--framework", "cloudformation", "--compact", "--quiet", "--skip-download"), ProjectFiles.root(), OFFLINE)
                .run(600);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everySuppressionSaysWhy() {
        List<String> unexplained = new ArrayList<>();
        CloudFormationTemplate template = CloudFormationTemplate.load(ProjectFiles.resolve("template.yaml"));
        for (Resource resource : template.resources().values()) {
            Object skips = CloudFormationTemplate.map(resource.metadata(), "checkov").get("skip");
            if (skips instanceof List<?> list) {
                list.stream().map(CloudFormationTemplate::asMap)
                        .filter(skip -> String.valueOf(skip.getOrDefault("comment", "")).isBlank())
                        .forEach(skip -> unexplained.add(resource.logicalId() + " skips " + skip.get("id") + " without a comment"));
            }
        }
        String text = ProjectFiles.read("template.yaml");
        Matcher ignored = IGNORED.matcher(text);
        while (ignored.find()) {
            String before = text.substring(Math.max(0, ignored.start() - 2000), ignored.start());
            for (String check : ignored.group(1).split(",\\s*")) {
                if (!before.contains("# " + check + ": ")) {
                    unexplained.add("cfn-lint ignores " + check + " before offset " + ignored.start() + " without a '# "
                            + check + ": reason' line");
                }
            }
        }
        assertThat(unexplained).isEmpty();
    }
}
