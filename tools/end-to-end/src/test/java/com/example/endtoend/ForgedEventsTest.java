package com.example.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The bus takes a service's events only from that service's own publishers (and the redrive role):
 * anyone else's, this suite's caller included (in AWS, whatever its own policies allow), is refused
 * entry by entry, so a forged OrderConfirmed never reaches invoicing.
 */
class ForgedEventsTest {

    private static final List<String> EVENTS = List.of("order-placed", "order-confirmed", "order-rejected",
            "order-review-requested", "invoice-issued", "order-submitted");

    @Test
    void everyServicesEventPutByAnotherPrincipalIsRefused() {
        Stack stack = Stack.current();
        try (EventBridgeClient events = stack.eventBridge()) {
            for (String name : EVENTS) {
                JsonNode example = example(name);
                List<PutEventsResultEntry> answer = events.putEvents(request -> request.entries(PutEventsRequestEntry.builder()
                        .eventBusName(stack.output("EventBusName")).source(example.path("source").asText())
                        .detailType(example.path("detail-type").asText()).detail(example.path("detail").toString()).build()))
                        .entries();

                assertThat(answer).as(name).singleElement().satisfies(entry -> {
                    assertThat(entry.eventId()).isNull();
                    assertThat(entry.errorCode()).isEqualTo("NotAuthorizedForSourceException");
                });
            }
        }
    }

    private static JsonNode example(String name) {
        Path file = Path.of(System.getProperty("project.root", ".")).resolve("contracts/events/examples/" + name + ".json");
        try {
            return Stack.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
