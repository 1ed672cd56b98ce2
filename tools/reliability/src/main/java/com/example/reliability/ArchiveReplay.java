package com.example.reliability;

import java.time.Duration;
import java.time.Instant;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Archive;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;

/** A replay of the bus's archive over a window, as docs/operations.md describes it, waited for until it completes. */
public final class ArchiveReplay {

    private final EventBridgeClient events;

    public ArchiveReplay(EventBridgeClient events) {
        this.events = events;
    }

    /** Replays every archived event of the bus from {@code start} to {@code end}; answers the replay's final state. */
    public ReplayState replay(String busName, Instant start, Instant end, Duration limit) {
        String busArn = events.describeEventBus(builder -> builder.name(busName)).arn();
        Archive archive = events.listArchives(builder -> builder.eventSourceArn(busArn)).archives().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("The bus " + busName + " has no archive to replay"));
        String name = "drill-" + start.getEpochSecond();
        String archiveArn = events.describeArchive(builder -> builder.archiveName(archive.archiveName())).archiveArn();
        events.startReplay(builder -> builder.replayName(name).eventSourceArn(archiveArn).eventStartTime(start).eventEndTime(end)
                .destination(destination -> destination.arn(busArn)));
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            DescribeReplayResponse replay = events.describeReplay(builder -> builder.replayName(name));
            if (replay.state() == ReplayState.COMPLETED || replay.state() == ReplayState.FAILED || replay.state() == ReplayState.CANCELLED
                    || Instant.now().isAfter(deadline)) {
                return replay.state();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return replay.state();
            }
        }
    }
}
