package com.example.tests.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.eventbridge.EventPattern;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.template.ApplicationTemplates;
import com.example.tests.eventbridge.RulePatterns;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The event catalogue: one example per contract in contracts/events/examples, each valid against
 * its contract, and every rule of template.yaml, evaluated by Event Ruler, matching exactly the
 * events it is for.
 */
class EventCatalogueTest {

    /**
     * Each rule and the one example of the catalogue it must match: an AWS::Events::Rule by its
     * logical id, a rule SAM makes from a function's or state machine's event by (resource, event).
     */
    private static final Map<List<String>, List<String>> RULES = Map.of(
            List.of("OrderFulfilmentStarter", "OrderPlaced"), List.of("order-placed.json"),
            List.of("ReviewRequestRecorder", "OrderReviewRequested"), List.of("order-review-requested.json"),
            List.of("OrderConfirmedToInvoicingRule"), List.of("order-confirmed.json"),
            List.of("MarkOrderInvoicedFunction", "InvoiceIssued"), List.of("invoice-issued.json"),
            List.of("OrderSubmittedToIntakeRule"), List.of("order-submitted.json"),
            // S3's events are not ours: this rule matches none of the catalogue (PartnerFileRuleTest covers it).
            List.of("PartnerFileCreatedRule"), List.of(),
            // Dev's line per event: all of the catalogue (it logs no detail, so review requests too).
            List.of("EveryEventRule"), List.of("invoice-issued.json", "order-confirmed.json", "order-placed.json",
                    "order-rejected.json", "order-review-requested.json", "order-submitted.json"));

    @Test
    void everyContractHasAnExampleThatMeetsIt() {
        List<String> contracts = files("contracts/events").stream().filter(name -> name.endsWith(".schema.json")).toList();
        assertThat(contracts).isNotEmpty();
        for (String contract : contracts) {
            String example = contract.replace(".v1.schema.json", ".json");
            JsonNode event = Json.parse(ProjectFiles.read("contracts/events/examples/" + example));
            assertThat(EventContracts.violations(contract, Json.write(event.get("detail")))).as(example).isEmpty();
            assertThat(contract).as("the file is named after the detail-type")
                    .startsWith(kebab(event.get("detail-type").asText()) + ".v");
        }
    }

    @Test
    void everyRuleMatchesTheEventItIsForAndNothingElse() {
        List<String> examples = files("contracts/events/examples");
        assertThat(ApplicationTemplates.stacks().stream().mapToLong(stack -> ruleCount(stack.template())).sum())
                .as("every rule of the application is listed here").isEqualTo(RULES.size());
        RULES.forEach((rule, expected) -> {
            EventPattern pattern = RulePatterns.of(rule.toArray(String[]::new));
            List<String> matched = examples.stream()
                    .filter(example -> pattern.matches(ProjectFiles.read("contracts/events/examples/" + example)))
                    .toList();
            assertThat(matched).as(String.join(".", rule)).containsExactlyElementsOf(expected);
        });
    }

    @Test
    void theInvoicingRuleLeavesOutOrdersWithNothingToInvoiceInEveryCurrencysDecimals() {
        EventPattern pattern = RulePatterns.of("OrderConfirmedToInvoicingRule");
        String confirmed = ProjectFiles.read("contracts/events/examples/order-confirmed.json");

        for (String zero : List.of("0", "0.0", "0.00", "0.000", "0.0000")) {
            assertThat(pattern.matches(confirmed.replace("\"47.30\"", "\"" + zero + "\""))).as(zero).isFalse();
        }
        for (String something : List.of("0.01", "0.50", "1", "1500", "0.001")) {
            assertThat(pattern.matches(confirmed.replace("\"47.30\"", "\"" + something + "\""))).as(something).isTrue();
        }
    }

    @Test
    void theFulfilmentRuleIgnoresAnOrderPlacedOfAnotherSourceOrVersion() {
        EventPattern pattern = RulePatterns.of("OrderFulfilmentStarter", "OrderPlaced");
        String orderPlaced = ProjectFiles.read("contracts/events/examples/order-placed.json");

        assertThat(pattern.matches(orderPlaced)).isTrue();
        assertThat(pattern.matches(orderPlaced.replace("\"com.example.orders\"", "\"com.example.ingestion\""))).isFalse();
        assertThat(pattern.matches(orderPlaced.replace("\"schemaVersion\": \"1\"", "\"schemaVersion\": \"2\""))).isFalse();
    }

    private static long ruleCount(CloudFormationTemplate template) {
        long ruleResources = template.resourcesOfType("AWS::Events::Rule").size();
        long ruleEvents = template.resources().values().stream()
                .flatMap(resource -> CloudFormationTemplate.map(resource.properties(), "Events").values().stream())
                .filter(event -> "EventBridgeRule".equals(CloudFormationTemplate.asMap(event).get("Type")))
                .count();
        return ruleResources + ruleEvents;
    }

    private static String kebab(String detailType) {
        return detailType.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> files(String directory) {
        try (Stream<Path> files = Files.list(ProjectFiles.resolve(directory))) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
