package com.example.tests.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The files `sam local invoke` takes stay usable: every function has a sample event (the integration
 * tests feed them to the real handlers), and events/local-env.json only sets variables the template
 * declares (SAM ignores any other), for functions that exist.
 */
class SampleEventsTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.load(ProjectFiles.resolve("template.yaml"));

    @Test
    void everyFunctionHasASampleEventNamedAfterIt() {
        for (Resource function : template.resourcesOfType("AWS::Serverless::Function")) {
            String file = "events/" + function.logicalId().replaceAll("Function$", "")
                    .replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT) + ".json";
            assertThat(ProjectFiles.resolve(file)).as(function.logicalId()).exists();
            assertThat(Json.parse(ProjectFiles.read(file)).isObject()).as(file).isTrue();
        }
    }

    @Test
    void theLocalEnvironmentFileOnlySetsVariablesTheTemplateDeclares() {
        JsonNode localEnvironment = Json.parse(ProjectFiles.read("events/local-env.json"));

        localEnvironment.properties().forEach(function -> {
            Resource resource = template.resource(function.getKey());
            Set<String> declared = CloudFormationTemplate.asMap(resource.property("Environment", "Variables")
                    .orElse(Map.of())).keySet();
            function.getValue().fieldNames().forEachRemaining(variable ->
                    assertThat(declared).as(function.getKey() + " declares " + variable).contains(variable));
        });
        assertThat(localEnvironment.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(
                template.resourcesOfType("AWS::Serverless::Function").stream().map(Resource::logicalId).toList());
    }
}
