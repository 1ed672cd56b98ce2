package com.example.tests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.example.tests.ProjectFiles;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;

/**
 * The fork's pipeline (.github/) is checked like code: actionlint finds no error, zizmor no
 * security finding, and the deploy workflows only name environments samconfig.toml defines.
 */
class WorkflowsTest {

    private static final Pattern CONFIG_ENV = Pattern.compile("config-env: (\\S+)");
    private static final Pattern SAMCONFIG_ENVIRONMENT = Pattern.compile("^\\[([A-Za-z0-9_-]+)\\.", Pattern.MULTILINE);

    @Test
    void actionlintFindsNothing() {
        Command.Result result = new Command(List.of(DevTools.executable("actionlint").toString(), "-no-color"),
                ProjectFiles.root(), Map.of()).run(120);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void zizmorFindsNothing() {
        Command.Result result = new Command(List.of(DevTools.executable("zizmor").toString(), "--offline", "--no-progress",
                ".github/"), ProjectFiles.root(), Map.of()).run(120);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyEnvironmentTheWorkflowsDeployIsOneOfSamconfig() throws IOException {
        Set<String> environments = new LinkedHashSet<>();
        Matcher defined = SAMCONFIG_ENVIRONMENT.matcher(ProjectFiles.read("samconfig.toml"));
        while (defined.find()) {
            environments.add(defined.group(1));
        }
        List<String> deployed = new ArrayList<>();
        try (Stream<Path> workflows = Files.list(ProjectFiles.resolve(".github/workflows"))) {
            for (Path workflow : workflows.toList()) {
                Matcher used = CONFIG_ENV.matcher(Files.readString(workflow));
                while (used.find()) {
                    if (!used.group(1).startsWith("\"$") && !used.group(1).startsWith("${{")) {
                        deployed.add(used.group(1));
                    }
                }
            }
        }

        assertThat(deployed).as("the environments the deploy workflow uses").containsExactlyInAnyOrder("default", "prod");
        assertThat(environments).containsAll(deployed);
    }
}
