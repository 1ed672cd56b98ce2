package com.example.platform.events;

import java.nio.charset.StandardCharsets;

import com.example.platform.json.Json;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The one way functions put events on the bus. PutEvents answers 200 even when it refused an entry,
 * so the answer is checked and a refused entry is an {@link EventNotPublished}; an event over
 * EventBridge's 256 KB entry limit is refused before it is sent.
 */
public final class EventPublisher {

    /** EventBridge's limit on one entry, counted as its documentation counts it. */
    static final int MAX_ENTRY_BYTES = 256 * 1024;

    private final EventBridgeClient eventBridge;
    private final String busName;
    private final String source;

    public EventPublisher(EventBridgeClient eventBridge, String busName, String source) {
        this.eventBridge = eventBridge;
        this.busName = busName;
        this.source = source;
    }

    public void publish(String detailType, EventEnvelope<?> event) {
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(source)
                .detailType(detailType)
                .detail(Json.write(event))
                .build();
        int size = entrySize(entry);
        if (size > MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException(detailType + " of " + size + " bytes is over EventBridge's limit of "
                    + MAX_ENTRY_BYTES + " bytes per entry");
        }
        PutEventsResponse response = eventBridge.putEvents(builder -> builder.entries(entry));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry refused = response.entries().getFirst();
            throw new EventNotPublished(detailType, refused.errorCode(), refused.errorMessage());
        }
    }

    /** Source, detail-type and detail in UTF-8, plus 14 bytes for the time, as EventBridge counts. */
    static int entrySize(PutEventsRequestEntry entry) {
        return 14 + utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
