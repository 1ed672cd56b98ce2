package com.example.reliability;

import java.util.List;

/**
 * One run's outcome: the drill, its figures, the reconciler's verdict, the calls its faults failed
 * and what was seen on the way (dead letters, the redrive, the replay).
 */
public record DrillResult(Drill drill, String runId, LoadFigures figures, Reconciliation reconciliation, long failedCalls,
                          List<String> observations) {

    public DrillResult {
        observations = List.copyOf(observations);
    }

    public boolean passed() {
        return reconciliation.passed();
    }
}
