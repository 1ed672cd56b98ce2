package com.example.tests.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.platform.json.Json;
import com.example.local.cloudformation.DeployedStack;
import com.example.tests.ProjectFiles;
import com.example.tests.template.ApplicationTemplates;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The files `sam local invoke` takes stay usable: every function has a sample event in its service's
 * folder of events/ (the integration tests feed them to the real handlers), and each service's
 * env-vars.json only sets variables its template declares (SAM ignores any other), for the
 * functions that service has.
 */
class SampleEventsTest {

    @Test
    void everyFunctionHasASampleEventNamedAfterItInItsServicesFolder() {
        for (DeployedStack service : ApplicationTemplates.services()) {
            for (Resource function : service.template().resourcesOfType("AWS::Serverless::Function")) {
                String file = "events/" + serviceFolder(service) + "/" + function.logicalId().replaceAll("Function$", "")
                        .replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT) + ".json";
                assertThat(ProjectFiles.resolve(file)).as(service.qualified(function.logicalId())).exists();
                assertThat(Json.parse(ProjectFiles.read(file)).isObject()).as(file).isTrue();
            }
        }
    }

    @Test
    void eachServicesEnvironmentFileOnlySetsVariablesItsTemplateDeclares() {
        for (DeployedStack service : ApplicationTemplates.services()) {
            String file = "events/" + serviceFolder(service) + "/env-vars.json";
            JsonNode environment = Json.parse(ProjectFiles.read(file));

            environment.properties().forEach(function -> {
                Resource resource = service.template().resource(function.getKey());
                Set<String> declared = CloudFormationTemplate.asMap(resource.property("Environment", "Variables")
                        .orElse(Map.of())).keySet();
                function.getValue().fieldNames().forEachRemaining(variable ->
                        assertThat(declared).as(file + ": " + function.getKey() + " declares " + variable).contains(variable));
            });
            assertThat(environment.properties()).as(file).extracting(Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(
                    service.template().resourcesOfType("AWS::Serverless::Function").stream().map(Resource::logicalId).toList());
        }
    }

    /** A service's events are under the name of the folder that holds its template. */
    private static String serviceFolder(DeployedStack service) {
        return service.template().directory().getFileName().toString();
    }
}
