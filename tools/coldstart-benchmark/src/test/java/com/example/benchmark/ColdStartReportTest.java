package com.example.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The report's figures are medians and ratios to the baseline of the same run; the chart draws them. */
class ColdStartReportTest {

    private static final FunctionResult BARE = result("BareHandler", FunctionResult.Variant.ON_DEMAND, 200, 20, 1_000);
    private static final FunctionResult PLACE_ORDER = result("PlaceOrderFunction", FunctionResult.Variant.ON_DEMAND, 900, 240, 7_900);
    private static final FunctionResult PLACE_ORDER_PRIMED = result("PlaceOrderFunction", FunctionResult.Variant.PRIMED, 1_400, 40, 8_100);
    private static final AwsSampleOutcome SKIPPED = new AwsSampleOutcome.Skipped();
    private static final AwsSampleOutcome.Measured SAMPLE = new AwsSampleOutcome.Measured(
            result("notesFunction", FunctionResult.Variant.ON_DEMAND, 1_200, 600, 9_000), "notes-sample at commit 0123456789ab",
            List.of(new SdkVersionOverrides.VersionOverride("software.amazon.awssdk:bom", "2.18.14", "2.41.28")));

    @Test
    void percentilesAreNearestRankAndMediansIgnoreOutliers() {
        List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 100.0);

        assertThat(Measurement.median(values)).isEqualTo(3.0);
        assertThat(Measurement.percentile(values, 99)).isEqualTo(100.0);
        assertThat(Measurement.percentile(List.of(7.0), 99)).isEqualTo(7.0);
        assertThatThrownBy(() -> Measurement.median(List.of())).hasMessageContaining("no values");
    }

    @Test
    void everyFunctionIsARowWithItsRatiosToTheBareHandler() {
        String table = new ColdStartReport(BARE, List.of(PLACE_ORDER, PLACE_ORDER_PRIMED), SKIPPED, "a test machine").markdown();

        assertThat(table).contains("Measured on a test machine. Medians of 3 cold starts")
                .contains("| BareHandler | 200 ms | 1.0x | 20.0 ms | 1.0x |")
                .contains("| PlaceOrderFunction | 900 ms | 4.5x | 240 ms | 12.0x |")
                .contains("| PlaceOrderFunction (primed) | 1400 ms | 7.0x | 40.0 ms | 2.0x |")
                .contains("7,900");
    }

    @Test
    void theChartHasABarPerFunctionAndVariantAndTheTargetLine() {
        String svg = new ColdStartReport(BARE, List.of(PLACE_ORDER, PLACE_ORDER_PRIMED), SKIPPED, "a test machine").svg();

        assertThat(svg).startsWith("<svg").contains(">PlaceOrderFunction</text>", ">PlaceOrderFunction (primed)</text>",
                ">4.5x</text>", ">7.0x</text>", "target 2.5x");
        assertThat(svg.split("<rect ", -1)).as("the background and two bars").hasSize(4);
    }

    @Test
    void aFunctionWhoseSampleTakesItsErrorPathIsMarkedAndExplained() {
        FunctionResult failing = new FunctionResult("IngestFileFunction", FunctionResult.Variant.ON_DEMAND,
                List.of(new Measurement(800, 100, List.of(5.0), 150, false)), classes(5_000), 10_000);

        String table = new ColdStartReport(BARE, List.of(PLACE_ORDER, failing), SKIPPED, "a test machine").markdown();

        assertThat(table).contains("| IngestFileFunction † |").contains("† Its sample event takes the function's refusal path")
                .contains("| PlaceOrderFunction |");
        assertThat(failing.problem()).contains("IngestFileFunction (on demand) did not answer every invocation");
        assertThat(PLACE_ORDER.problem()).isEmpty();
    }

    @Test
    void theAwsSampleIsARowAndAnOrangeBarBesideOurFunctionsWithWhereItCameFromAndHowItWasBuilt() {
        ColdStartReport report = new ColdStartReport(BARE, List.of(PLACE_ORDER), SAMPLE, "a test machine");

        assertThat(report.markdown()).contains("| PlaceOrderFunction | 900 ms | 4.5x |")
                .contains("| AWS sample notesFunction | 1200 ms | 6.0x | 600 ms | 30.0x |")
                .contains("AWS sample: notes-sample at commit 0123456789ab; built from its source with its own Maven build, with "
                        + "software.amazon.awssdk:bom 2.18.14 -> 2.41.28 (an SDK before 2.28.1 ignores AWS_ENDPOINT_URL")
                .doesNotContain("error path");
        assertThat(report.svg()).contains(">AWS sample notesFunction</text>", "fill=\"#d9822b\"", ">6.0x</text>");
        assertThat(report.svg().split("<rect ", -1)).as("the background and two bars").hasSize(4);
    }

    @Test
    void withoutTheAwsSampleTheReportSaysItWasSkippedAndHowToIncludeIt() {
        String table = new ColdStartReport(BARE, List.of(PLACE_ORDER), SKIPPED, "a test machine").markdown();

        assertThat(table).doesNotContain("| AWS sample").contains("AWS sample skipped; to measure it beside ours: "
                + "make benchmark-coldstart AWS_SAMPLE=<the sample's directory>");
    }

    @Test
    void anAwsSampleThatTookItsErrorPathIsMarked() {
        FunctionResult failing = new FunctionResult("notesFunction", FunctionResult.Variant.ON_DEMAND,
                List.of(new Measurement(800, 100, List.of(5.0), 150, false)), classes(9_000), 10_000);
        AwsSampleOutcome.Measured measured = new AwsSampleOutcome.Measured(failing, "notes-sample", List.of());

        String table = new ColdStartReport(BARE, List.of(PLACE_ORDER), measured, "a test machine").markdown();

        assertThat(table).contains("| AWS sample notesFunction † |")
                .contains("AWS sample: notes-sample; built from its source with its own Maven build. † Not every invocation "
                        + "succeeded: its figures measure its error path.");
    }

    @Test
    void theInitIsBrokenDownByPurposeForEveryEnvironmentOnDemandAndTheSample() {
        String table = new ColdStartReport(BARE, List.of(PLACE_ORDER, PLACE_ORDER_PRIMED), SAMPLE, "a test machine").markdown();

        assertThat(table).contains("### What the init loads")
                .contains("| classes at init | bare | PlaceOrder | AWS sample |")
                .contains("| the JDK | 500 | 3,950 | 4,500 |")
                .contains("| AWS SDK | 200 | 1,580 | 1,800 |")
                .contains("| tracing (X-Ray) | 0 | 0 | 0 |")
                .contains("| **init, in all** | **700** | **5,530** | **6,300** |")
                .contains("| by the first answer, in all | 1,000 | 7,900 | 9,000 |");
    }

    @Test
    void whatAPrimedFirstInvocationStillLoadsHasATableOfItsOwn() {
        String table = new ColdStartReport(BARE, List.of(PLACE_ORDER, PLACE_ORDER_PRIMED), SKIPPED, "a test machine").markdown();

        assertThat(table).contains("### What the first invocation still loads once primed")
                .contains("| classes in the first invocation | PlaceOrder |")
                .contains("| the JDK | 2,430 |")
                .contains("| **first invocation, in all** | **2,430** |");
        assertThat(new ColdStartReport(BARE, List.of(PLACE_ORDER), SKIPPED, "a test machine").markdown())
                .doesNotContain("still loads once primed");
    }

    @Test
    void eachFunctionFindsItsSampleEvent() {
        assertThat(ColdStartBenchmark.sampleEventName("PlaceOrderFromQueueFunction")).isEqualTo("place-order-from-queue");
        assertThat(ColdStartBenchmark.sampleEventName("GetInvoiceFunction")).isEqualTo("get-invoice");
    }

    private static FunctionResult result(String function, FunctionResult.Variant variant, double init, double first, int classes) {
        List<Measurement> runs = List.of(
                new Measurement(init * 1.2, first * 1.5, List.of(4.0, 5.0), 180, true),
                new Measurement(init, first, List.of(3.0, 6.0), 190, true),
                new Measurement(init * 0.9, first * 0.8, List.of(2.0, 9.0), 185, true));
        return new FunctionResult(function, variant, runs, classes(classes), 40_000);
    }

    /** Half of them JDK classes and a fifth SDK classes at init, the rest JDK classes of the first invocation. */
    private static ClassesByPurpose classes(int total) {
        int jdk = total / 2;
        int sdk = total / 5;
        return new ClassesByPurpose(Map.of(ClassPurpose.JDK, jdk, ClassPurpose.AWS_SDK, sdk),
                Map.of(ClassPurpose.JDK, total - jdk - sdk));
    }
}
