package com.example.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** The ledger keeps every answer through its file; a rule's dead letter goes back on the bus as it was put. */
class LedgerAndRedriveTest {

    @Test
    void theLedgerKeepsEveryAnswerInSequenceThroughItsFile(@TempDir Path directory) throws Exception {
        Ledger ledger = new Ledger();
        ledger.record(new SentRequest(2, 1_002, 30, 1, 400, Optional.empty(), false));
        ledger.record(new SentRequest(1, 1_001, 25, 2, 202, Optional.of("o-1"), true));
        ledger.write(directory.resolve("ledger.jsonl"));

        assertThat(Ledger.read(directory.resolve("ledger.jsonl"))).containsExactly(
                new SentRequest(1, 1_001, 25, 2, 202, Optional.of("o-1"), true),
                new SentRequest(2, 1_002, 30, 1, 400, Optional.empty(), false));
        Files.writeString(directory.resolve("broken.jsonl"), "{\"orderId\":\"x\"}\n");
        assertThatThrownBy(() -> Ledger.read(directory.resolve("broken.jsonl"))).hasMessageContaining("needs a sequence and a status");
    }

    @Test
    void aDeadLetteredEventGoesBackWithItsSourceTypeDetailAndResources() {
        PutEventsRequestEntry entry = RuleDeadLetterRedrive.entry("{\"version\":\"0\",\"id\":\"e-1\",\"source\":\"com.example.orders\","
                + "\"detail-type\":\"OrderConfirmed\",\"resources\":[\"arn:r\"],\"detail\":{\"orderId\":\"o-1\"}}", "bus");

        assertThat(entry.eventBusName()).isEqualTo("bus");
        assertThat(entry.source()).isEqualTo("com.example.orders");
        assertThat(entry.detailType()).isEqualTo("OrderConfirmed");
        assertThat(entry.detail()).isEqualTo("{\"orderId\":\"o-1\"}");
        assertThat(entry.resources()).containsExactly("arn:r");
        assertThatThrownBy(() -> RuleDeadLetterRedrive.entry("{\"orderId\":\"o-1\"}", "bus")).hasMessageContaining("is not");
        assertThatThrownBy(() -> RuleDeadLetterRedrive.entry("{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{}}",
                "bus")).hasMessageContaining("reserved");
    }

    @Test
    void drillsAreChosenByNameAndAnUnknownOneIsRefusedWithTheKnownOnes() {
        assertThat(Drill.named("all")).doesNotContain(Drill.NONE).contains(Drill.ARCHIVE_REPLAY);
        assertThat(Drill.named("dynamodb-throttling, rule-target-denied")).containsExactly(Drill.DYNAMODB_THROTTLING,
                Drill.RULE_TARGET_DENIED);
        assertThatThrownBy(() -> Drill.named("flood")).hasMessageContaining("No drill flood").hasMessageContaining("intake-crash");
        assertThat(List.of(OrderPlacementSimulation.shape(100, java.time.Duration.ofSeconds(10)))).hasSize(3);
    }
}
