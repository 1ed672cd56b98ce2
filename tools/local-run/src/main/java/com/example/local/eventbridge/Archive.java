package com.example.local.eventbridge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An archive of a bus: every event put on it (or those its pattern matches), with when it arrived. */
final class Archive {

    record Archived(Instant time, String event) {
    }

    final String name;
    final String arn;
    final String sourceArn;
    final Optional<EventPattern> pattern;
    final int retentionDays;
    final Instant created = Instant.now();
    final List<Archived> events = new CopyOnWriteArrayList<>();

    Archive(String name, String arn, String sourceArn, Optional<EventPattern> pattern, int retentionDays) {
        this.name = name;
        this.arn = arn;
        this.sourceArn = sourceArn;
        this.pattern = pattern;
        this.retentionDays = retentionDays;
    }
}
