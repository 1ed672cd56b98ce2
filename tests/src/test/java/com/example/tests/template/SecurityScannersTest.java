package com.example.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import com.example.local.cloudformation.DeployedStack;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * checkov passes on every template of the application. checkov does not expand {@code Fn::ForEach}
 * (it silently scans nothing a loop generates), so it reads each template as CloudFormation does,
 * its loops expanded; the test also proves the generated log groups (and every function) were
 * scanned. A finding is fixed, or suppressed with its reason: on its resource, or for a whole kind of
 * resource in the scanners' own settings (.checkov.yaml, .cfnlintrc); a new finding fails the build.
 */
class SecurityScannersTest {

    private static final Map<String, String> OFFLINE = Map.of("AWS_DEFAULT_REGION", "us-east-1", "BC_SKIP_MAPPING", "TRUE");
    private static final Pattern IGNORED = Pattern.compile("ignore_checks: \\[([^]]*)]");
    /**
     * Kinds of resource the loops generate and checkov has checks for: every one of them must have been
     * scanned (queues are generated too, but checkov's one check of them is skipped for a reason).
     */
    private static final Set<String> SCANNED_TYPES = Set.of("AWS::Logs::LogGroup", "AWS::Serverless::Function");

    @Test
    void checkovFindsNothingInAnyTemplateWithItsLoopsExpanded() throws IOException {
        Path expanded = ProjectFiles.resolve("tests/target/expanded-templates");
        List<String> command = new ArrayList<>(List.of(DevTools.executable("checkov").toString(), "--framework", "cloudformation",
                "--skip-download", "--output", "json"));
        Set<String> expected = new TreeSet<>();
        for (DeployedStack stack : ApplicationTemplates.stacks()) {
            Path file = expanded.resolve((stack.path().isEmpty() ? "root" : stack.path()) + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(stack.template().document()));
            command.addAll(List.of("-f", file.toString()));
            stack.template().resources().values().stream().filter(resource -> SCANNED_TYPES.contains(resource.type()))
                    .forEach(resource -> expected.add(resource.type() + "." + resource.logicalId()));
        }
        Command.Result result = new Command(command, ProjectFiles.root(), OFFLINE).run(600);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(scanned(result.output())).as("what checkov scanned").containsAll(expected);
    }

    @Test
    void everySuppressionSaysWhy() {
        List<String> unexplained = new ArrayList<>();
        for (DeployedStack stack : ApplicationTemplates.stacks()) {
            for (Resource resource : stack.template().resources().values()) {
                Object skips = CloudFormationTemplate.map(resource.metadata(), "checkov").get("skip");
                if (skips instanceof List<?> list) {
                    list.stream().map(CloudFormationTemplate::asMap)
                            .filter(skip -> String.valueOf(skip.getOrDefault("comment", "")).isBlank())
                            .forEach(skip -> unexplained.add(stack.qualified(resource.logicalId()) + " skips " + skip.get("id")
                                    + " without a comment"));
                }
            }
        }
        for (String template : ApplicationTemplates.files()) {
            String text = ProjectFiles.read(template);
            Matcher ignored = IGNORED.matcher(text);
            while (ignored.find()) {
                String before = text.substring(Math.max(0, ignored.start() - 400), ignored.start());
                for (String check : ignored.group(1).split(",\\s*")) {
                    if (!before.contains("# " + check + ": ")) {
                        unexplained.add(template + " ignores " + check + " at offset " + ignored.start() + " without a '# "
                                + check + ": reason' line");
                    }
                }
            }
        }
        unexplained.addAll(listedWithoutReason(".checkov.yaml"));
        unexplained.addAll(listedWithoutReason(".cfnlintrc"));
        assertThat(unexplained).isEmpty();
    }

    /** A scanner's settings file: each check it lists must follow a {@code # <check>: reason} line. */
    private static List<String> listedWithoutReason(String file) {
        List<String> unexplained = new ArrayList<>();
        List<String> lines = ProjectFiles.read(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher listed = Pattern.compile("^\\s*- ([A-Z]+[A-Z0-9_]*\\d)\\s*$").matcher(lines.get(i));
            if (listed.matches()) {
                String check = listed.group(1);
                boolean explained = lines.subList(Math.max(0, i - 4), i).stream().anyMatch(line -> line.contains("# " + check + ": "));
                if (!explained) {
                    unexplained.add(file + " skips " + check + " without a '# " + check + ": reason' line above it");
                }
            }
        }
        return unexplained;
    }

    /** The resources checkov reported on, as {@code Type.LogicalId}, from its JSON report (one object, or one per file). */
    private static Set<String> scanned(String report) {
        JsonNode parsed = Json.parse(report.substring(Math.min(indexOrMax(report, '['), indexOrMax(report, '{'))));
        Set<String> resources = new TreeSet<>();
        for (JsonNode file : parsed.isArray() ? parsed : Json.tree(List.of(parsed))) {
            for (String kind : List.of("passed_checks", "failed_checks", "skipped_checks")) {
                file.path("results").path(kind).forEach(check -> resources.add(check.path("resource").asText()));
            }
        }
        return resources;
    }

    private static int indexOrMax(String text, char c) {
        int index = text.indexOf(c);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
