package com.example.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.amazonaws.xray.AWSXRay;

/**
 * The priming of what wraps every request runs before a snapshot, where nothing may be emitted: no
 * metrics document (CloudWatch would count it) and no trace segment.
 */
class ObservabilityPrimingTest {

    @Test
    void primingTheObservabilityPathEmitsNoMetricAndBeginsNoTrace() {
        PrintStream standardOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThatCode(Observability::prime).doesNotThrowAnyException();
        } finally {
            System.setOut(standardOut);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).as("an embedded metric format document is printed to stdout")
                .doesNotContain("\"_aws\"").doesNotContain("Primed");
        assertThat(AWSXRay.getGlobalRecorder().getTraceEntity()).isNull();
    }
}
