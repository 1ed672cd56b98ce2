package com.example.tests.rename;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.tests.FreshClone;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;

/** `make rename` turns a fresh clone into another project that builds and passes its unit tests, with none of the old names. */
class RenameTest {

    private static final List<String> OLD_NAMES = List.of("com.example", "com/example", "serverless-orders",
            "ServerlessOrders", "Serverless orders");
    private static final Set<String> NOT_SEARCHED = Set.of(".git", "target", ".venv", ".venv-checkov", "node_modules", ".aws-sam", ".local");

    @TempDir
    static Path clone;

    private static Command.Result renamed;

    @BeforeAll
    static void renameAFreshClone() {
        FreshClone.copyTo(clone);
        renamed = rename("io.acme", "acme-shop");
    }

    @Test
    void nothingOfTheOldNamesRemains() throws IOException {
        assertThat(renamed.exitCode()).as(renamed.output()).isZero();
        List<String> leftovers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(clone)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = clone.relativize(file);
                if (NOT_SEARCHED.stream().anyMatch(skipped -> relative.startsWith(skipped))
                        || relative.toString().equals("tools/scripts/rename")) { // the tool names what it replaces
                    continue;
                }
                String path = relative.toString();
                OLD_NAMES.stream().filter(path::contains).forEach(name -> leftovers.add(path + " (path)"));
                String text;
                try {
                    text = Files.readString(file);
                } catch (MalformedInputException binary) {
                    continue;
                }
                OLD_NAMES.stream().filter(text::contains).forEach(name -> leftovers.add(path + ": " + name));
            }
        }
        assertThat(leftovers).isEmpty();
        assertThat(clone.resolve("orders-service/src/main/java/io/acme/orders")).isDirectory();
        assertThat(Files.readString(clone.resolve("samconfig.toml"))).contains("stack_name = \"acme-shop-dev\"");
    }

    @Test
    void theRenamedProjectBuildsAndPassesItsUnitTests() {
        assertThat(renamed.exitCode()).as(renamed.output()).isZero();
        Command.Result build = new Command(List.of("./mvnw", "-B", "-q", "-o", "verify",
                "-pl", "shared-layer,orders-service,invoice-service,ingestion-service"), clone,
                Map.of("JAVA_HOME", System.getProperty("java.home"))).run(900);

        assertThat(build.exitCode()).as(build.output()).isZero();
    }

    @Test
    void aNameItCannotUseIsRefusedAndChangesNothing() throws IOException {
        String pomBefore = Files.readString(clone.resolve("pom.xml"));

        Command.Result refused = rename("io.acme", "Acme Shop");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("NAME 'Acme Shop' must be lower-case letters and digits");
        assertThat(Files.readString(clone.resolve("pom.xml"))).isEqualTo(pomBefore);
    }

    private static Command.Result rename(String group, String name) {
        return new Command(List.of(DevTools.python().toString(), "tools/scripts/rename", "--group", group, "--name", name),
                clone, Map.of()).run(120);
    }
}
