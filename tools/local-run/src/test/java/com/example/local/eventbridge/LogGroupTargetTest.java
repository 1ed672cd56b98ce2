package com.example.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule whose target is a log group writes each event as one line of the group's file. */
class LogGroupTargetTest {

    private static final String GROUP = "arn:aws:logs:us-east-1:000000000000:log-group:/aws/events/orders-local-every-event";

    @TempDir
    Path logs;

    @Test
    void eachEventIsOneLineOfTheGroupsFile() throws IOException {
        ServiceTargets targets = new ServiceTargets(null, null, null, null, logs);

        assertThat(targets.supports(GROUP)).isTrue();
        targets.deliver(GROUP, "{\"source\": \"com.example.orders\",\n \"detail-type\": \"OrderPlaced\"}");
        targets.deliver(GROUP + ":*", "{\"source\":\"com.example.invoices\",\"detail-type\":\"InvoiceIssued\"}");

        assertThat(Files.readAllLines(logs.resolve("aws.events.orders-local-every-event.log"))).containsExactly(
                "{\"source\":\"com.example.orders\",\"detail-type\":\"OrderPlaced\"}",
                "{\"source\":\"com.example.invoices\",\"detail-type\":\"InvoiceIssued\"}");
    }

    /** From an input transformer, CloudWatch Logs takes a timestamp and a message: the message is the line. */
    @Test
    void aTransformedEventWritesItsMessage() throws IOException {
        ServiceTargets targets = new ServiceTargets(null, null, null, null, logs);

        targets.deliver(GROUP, "{\"timestamp\": \"2026-12-08T10:00:00Z\", \"message\": \"OrderPlaced e-1 from com.example.orders\"}");

        assertThat(Files.readAllLines(logs.resolve("aws.events.orders-local-every-event.log")))
                .containsExactly("OrderPlaced e-1 from com.example.orders");
    }

    @Test
    void otherLogsResourcesAreNotTargets() {
        assertThat(new ServiceTargets(null, null, null, null, logs).supports("arn:aws:logs:us-east-1:000000000000:destination:x"))
                .isFalse();
    }
}
