package com.example.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.example.local.Json;

/** The fault switch: a fault covers what it names, at its rate, for its time, and nothing else. */
class FaultInjectionTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private final AtomicReference<Double> draw = new AtomicReference<>(0.0);
    private final FaultInjection faults = new FaultInjection(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }, draw::get);

    @Test
    void nothingFailsUntilAFaultIsAskedFor() {
        assertThat(faults.strikes("dynamodb", "PutItem", "")).isEmpty();
        assertThat(faults.strikes("events", "PutEvents", "default")).isEmpty();
    }

    @Test
    void aFaultFailsTheCallsItCoversAtItsRateUntilItEnds() {
        faults.inject(Fault.lasting("dynamodb", "UpdateItem", Optional.empty(), 0.5, Duration.ofSeconds(30), now.get()));

        draw.set(0.49);
        assertThat(faults.strikes("dynamodb", "UpdateItem", "")).isPresent();
        assertThat(faults.strikes("dynamodb", "PutItem", "")).as("another action").isEmpty();
        assertThat(faults.strikes("events", "UpdateItem", "")).as("another service").isEmpty();
        draw.set(0.5);
        assertThat(faults.strikes("dynamodb", "UpdateItem", "")).as("a draw above the rate").isEmpty();
        draw.set(0.0);
        now.set(now.get().plusSeconds(30));
        assertThat(faults.strikes("dynamodb", "UpdateItem", "")).as("after its time").isEmpty();
        assertThat(faults.history()).singleElement().satisfies(injected -> assertThat(injected.strikes()).hasValue(1));
    }

    @Test
    void aResourceNarrowsAFaultToTheCallsNamingIt() {
        faults.inject(Fault.lasting("events", "DeliverToTarget", Optional.of("invoicing-queue"), 1, Duration.ofSeconds(5), now.get()));

        assertThat(faults.strikes("events", "DeliverToTarget", "arn:aws:sqs:us-east-1:000000000000:s-invoicing-queue-1")).isPresent();
        assertThat(faults.strikes("events", "DeliverToTarget", "arn:aws:sqs:us-east-1:000000000000:s-other-queue")).isEmpty();
        faults.clear();
        assertThat(faults.strikes("events", "DeliverToTarget", "arn:aws:sqs:us-east-1:000000000000:s-invoicing-queue-1")).isEmpty();
    }

    @Test
    void aFaultTheLocalRunCannotApplyIsRefusedByName() {
        assertThatThrownBy(() -> FaultSwitch.parse(Json.parse("{\"service\":\"sqs\",\"operation\":\"SendMessage\",\"rate\":1,\"seconds\":5}"), now.get()))
                .hasMessageContaining("cannot inject a fault into sqs SendMessage").hasMessageContaining("lambda Crash");
        assertThatThrownBy(() -> FaultSwitch.parse(Json.parse("{\"service\":\"dynamodb\",\"operation\":\"*\",\"rate\":1.5,\"seconds\":5}"), now.get()))
                .hasMessageContaining("at most 1, not 1.5");
        assertThatThrownBy(() -> FaultSwitch.parse(Json.parse("{\"service\":\"dynamodb\",\"operation\":\"*\",\"rate\":1,\"seconds\":7200}"), now.get()))
                .hasMessageContaining("1 to 3600");
        assertThatThrownBy(() -> FaultSwitch.parse(Json.parse("{\"service\":\"dynamodb\",\"rate\":1,\"seconds\":5}"), now.get()))
                .hasMessageContaining("\"operation\"");
    }

    @Test
    void aFaultIsAskedForAsJson() {
        Fault fault = FaultSwitch.parse(Json.parse(
                "{\"service\":\"lambda\",\"operation\":\"Crash\",\"resource\":\"IssueInvoice\",\"rate\":0.25,\"seconds\":20}"), now.get());

        assertThat(fault.kind()).isEqualTo(FaultKind.LAMBDA_RUNTIME_CRASH);
        assertThat(fault.resource()).contains("IssueInvoice");
        assertThat(fault.rate()).isEqualTo(0.25);
        assertThat(fault.until()).isEqualTo(now.get().plusSeconds(20));
    }
}
