package com.example.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan holds every kind of request in its share, and repeats only requests sent well before. */
class LoadPlanTest {

    @Test
    void aPlanHoldsEveryKindInItsShare() {
        LoadPlan plan = LoadPlan.generate("run1", 600, 42);

        Map<RequestKind, Long> kinds = plan.requests().stream().collect(Collectors.groupingBy(PlannedRequest::kind, Collectors.counting()));
        assertThat(plan.requests()).hasSize(600);
        assertThat(kinds.get(RequestKind.REPLAY)).isEqualTo(60);
        assertThat(kinds.get(RequestKind.KEY_REUSED)).isEqualTo(30);
        assertThat(kinds.get(RequestKind.INVALID)).isBetween(55L, 65L);
        assertThat(kinds.get(RequestKind.REVIEW)).isBetween(45L, 52L);
        assertThat(kinds.get(RequestKind.OVER_LIMIT)).isBetween(40L, 45L);
        assertThat(plan.requests()).extracting(PlannedRequest::sequence).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 600).boxed().toList());
    }

    @Test
    void aRepeatRepeatsAStandardRequestOfTheFirstHalfWithItsKeyAndForAReplayItsBody() {
        LoadPlan plan = LoadPlan.generate("run2", 200, 7);

        for (PlannedRequest repeat : plan.requests()) {
            if (repeat.kind() != RequestKind.REPLAY && repeat.kind() != RequestKind.KEY_REUSED) {
                assertThat(repeat.original()).isEqualTo(-1);
                continue;
            }
            PlannedRequest original = plan.requests().get(repeat.original());
            assertThat(original.kind()).isEqualTo(RequestKind.STANDARD);
            assertThat(original.sequence()).isLessThan(plan.requests().size() / 2);
            assertThat(repeat.sequence()).isGreaterThan(original.sequence());
            assertThat(repeat.idempotencyKey()).isEqualTo(original.idempotencyKey());
            assertThat(repeat.customerId()).isEqualTo(original.customerId());
            if (repeat.kind() == RequestKind.REPLAY) {
                assertThat(repeat.body()).isEqualTo(original.body());
            } else {
                assertThat(repeat.body()).isNotEqualTo(original.body());
            }
        }
    }

    @Test
    void theSameSeedPlansTheSameRunAndAPlanSurvivesItsFile(@TempDir Path directory) {
        LoadPlan plan = LoadPlan.generate("run3", 40, 11);
        plan.write(directory.resolve("plan.json"));

        assertThat(LoadPlan.generate("run3", 40, 11)).isEqualTo(plan);
        assertThat(LoadPlan.read(directory.resolve("plan.json"))).isEqualTo(plan);
    }

    @Test
    void aLoadTooSmallToHoldEveryKindIsRefused() {
        assertThatThrownBy(() -> LoadPlan.generate("run4", 19, 1)).hasMessageContaining("at least 20");
    }
}
