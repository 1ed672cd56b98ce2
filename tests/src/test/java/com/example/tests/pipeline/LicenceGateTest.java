package com.example.tests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;

/**
 * The licence gate (tools/scripts/licence-gate, run by make test): an artifact under vendor-only
 * terms, such as Amazon's DynamoDB Local, or one that declares no licence, fails it by name; open
 * licences pass, whatever name an artifact writes for them; an accepted exception needs a reason.
 */
class LicenceGateTest {

    @TempDir
    Path bills;

    @Test
    void anArtifactUnderVendorOnlyTermsFailsTheGateByNameAndLicence() throws IOException {
        Command.Result result = gate(bill(component("com.amazonaws", "DynamoDBLocal", "2.6.1", "DynamoDB Local License Agreement"),
                component("org.elasticmq", "elasticmq-core_2.13", "1.7.1", "Apache-2.0")));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("REFUSED maven:com.amazonaws:DynamoDBLocal 2.6.1: DynamoDB Local License Agreement",
                "2 artifacts checked, 1 not under a licence").doesNotContain("elasticmq");
    }

    /** AND binds tighter than OR: an expression that requires a vendor-only licence is refused whatever else it offers. */
    @Test
    void anSpdxExpressionIsReadWithItsGrouping() throws IOException {
        Command.Result result = gate(bill(component("e", "needs-sspl", "1", "(MIT OR GPL-3.0-only) AND SSPL-1.0"),
                component("f", "sspl-first", "1", "SSPL-1.0 AND (MIT OR Apache-2.0)"), component("g", "either", "1",
                        "SSPL-1.0 OR (MIT AND Apache-2.0)"), component("h", "with", "1", "GPL-2.0-only WITH Classpath-exception-2.0")));

        assertThat(result.output()).contains("REFUSED maven:e:needs-sspl", "REFUSED maven:f:sspl-first", "2 not under a licence")
                .doesNotContain("maven:g:either", "maven:h:with");
    }

    @Test
    void anArtifactThatDeclaresNoLicenceFailsTheGate() throws IOException {
        Command.Result result = gate(bill(component("org.example", "mystery", "1.0")));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("REFUSED maven:org.example:mystery 1.0: declares no licence");
    }

    @Test
    void openLicencesPassWhateverNameTheArtifactWritesAndDualLicencesNeedOneOpenAlternative() throws IOException {
        Command.Result result = gate(bill(component("a", "spdx", "1", "Apache-2.0"), component("b", "named", "1", "The Apache Software License, Version 2.0"),
                component("c", "expression", "1", "(GPL-3.0-only OR MIT)"), component("d", "dual", "1", "EPL-2.0", "GPL-2.0-only")));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("4 artifacts checked, 0 not under a licence");
    }

    @Test
    void theProjectsOwnModulesAreNotThirdPartyAndTheGateNeedsSomethingToCheck() throws IOException {
        Map<String, Object> own = Map.of("group", "com.example", "name", "orders-service", "version", "1.0.0-SNAPSHOT");
        Path bill = bills.resolve("own.cdx.json");
        Files.writeString(bill, Json.write(Map.of("metadata", Map.of("component", Map.of("group", "com.example", "version", "1.0.0-SNAPSHOT")),
                "components", List.of(own))));

        assertThat(gate(bill).exitCode()).isZero();
        assertThat(gate(bills.resolve("missing.cdx.json")).exitCode()).as("no bill of materials is no pass").isEqualTo(2);
    }

    @Test
    void everyAcceptedExceptionNamesItsLicenceAndAReason() {
        String exceptions = ProjectFiles.read("tools/licences/exceptions.toml");
        String[] entries = exceptions.split("\\[\\[exception]]");
        assertThat(entries.length).as("the exceptions file lists its entries as [[exception]] tables").isGreaterThan(1);
        for (int i = 1; i < entries.length; i++) {
            assertThat(entries[i]).as(entries[i]).containsPattern("(?m)^artifact = \"\\S+\"").containsPattern("(?m)^version = \"\\S+\"")
                    .containsPattern("(?m)^licence = \"\\S")
                    .containsPattern("(?m)^reason = \"");
        }
        assertThat(exceptions).as("DynamoDB Local is never accepted").doesNotContain("DynamoDBLocal");
    }

    private Command.Result gate(Path bill) {
        return new Command(List.of(DevTools.python().toString(), "tools/scripts/licence-gate", bill.toString()), ProjectFiles.root(),
                Map.of()).run(60);
    }

    @SafeVarargs
    private Path bill(Map<String, Object>... components) throws IOException {
        Path bill = bills.resolve("bill.cdx.json");
        Files.writeString(bill, Json.write(Map.of("metadata", Map.of("component", Map.of("group", "com.example", "version", "1")),
                "components", List.of(components))));
        return bill;
    }

    private static Map<String, Object> component(String group, String name, String version, String... licences) {
        List<Object> declared = new ArrayList<>();
        for (String licence : licences) {
            declared.add(licence.contains(" OR ") || licence.contains(" AND ") || licence.contains(" WITH ") ? Map.of("expression", licence)
                    : licence.matches("[A-Za-z0-9.-]+") ? Map.of("license", Map.of("id", licence)) : Map.of("license", Map.of("name", licence)));
        }
        return Map.of("group", group, "name", name, "version", version, "licenses", declared);
    }
}
