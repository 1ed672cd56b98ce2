package com.example.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.example.platform.json.Json;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The one way functions put events on the bus. PutEvents answers 200 even when it refused some
 * entries, so every answer is checked. A single event that is refused is an
 * {@link EventNotPublished} for the caller to retry (its message or invocation); a batch is cut to
 * EventBridge's limits (10 entries, 256 KB per request) and its refused entries are sent again with
 * exponential backoff and full jitter before giving up. An event over the 256 KB entry limit is
 * refused before it is sent.
 */
public final class EventPublisher {

    /** EventBridge's limits: bytes per entry and per request (counted as its documentation counts), entries per request. */
    static final int MAX_ENTRY_BYTES = 256 * 1024;
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    static final int MAX_ENTRIES = 10;

    private final EventBridgeClient eventBridge;
    private final String busName;
    private final String source;
    private final Backoff backoff;

    public EventPublisher(EventBridgeClient eventBridge, String busName, String source) {
        this(eventBridge, busName, source, Backoff.STANDARD);
    }

    public EventPublisher(EventBridgeClient eventBridge, String busName, String source, Backoff backoff) {
        this.eventBridge = eventBridge;
        this.busName = busName;
        this.source = source;
        this.backoff = backoff;
    }

    /**
     * SnapStart priming of the publishing path with a request that cannot publish: it carries no entry
     * (EventBridge requires one and refuses it), so the whole call is made and nothing reaches the bus.
     */
    public void prime() {
        try {
            eventBridge.putEvents(builder -> builder.entries(List.of()));
        } catch (EventBridgeException refused) {
            // Refused by design: the request and answer path is loaded.
        }
    }

    public void publish(String detailType, EventEnvelope<?> event) {
        PutEventsRequestEntry entry = entry(detailType, event);
        PutEventsResponse response = eventBridge.putEvents(builder -> builder.entries(entry));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry refused = response.entries().getFirst();
            throw new EventNotPublished(detailType, refused.errorCode(), refused.errorMessage());
        }
    }

    /**
     * Publishes every event, in as few requests as the limits allow, retrying refused entries. Throws
     * {@link EventNotPublished} if some are still refused after the last attempt; the others are on the bus.
     */
    public void publishAll(String detailType, List<? extends EventEnvelope<?>> events) {
        List<PutEventsRequestEntry> pending = events.stream().map(event -> entry(detailType, event)).toList();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                backoff.pause(attempt - 1);
            }
            List<PutEventsRequestEntry> refused = new ArrayList<>();
            PutEventsResultEntry lastRefusal = null;
            for (List<PutEventsRequestEntry> request : requests(pending)) {
                PutEventsResponse response = eventBridge.putEvents(builder -> builder.entries(request));
                for (int index = 0; index < request.size(); index++) {
                    PutEventsResultEntry result = response.entries().get(index);
                    if (result.errorCode() != null) {
                        refused.add(request.get(index));
                        lastRefusal = result;
                    }
                }
            }
            if (!refused.isEmpty() && attempt >= backoff.attempts()) {
                throw new EventNotPublished(refused.size() + " " + detailType, lastRefusal.errorCode(),
                        lastRefusal.errorMessage() + " (after " + attempt + " attempts)");
            }
            pending = refused;
        }
    }

    private PutEventsRequestEntry entry(String detailType, EventEnvelope<?> event) {
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
        return entry;
    }

    /** Cuts entries into requests of at most 10 entries and 256 KB. */
    static List<List<PutEventsRequestEntry>> requests(List<PutEventsRequestEntry> entries) {
        List<List<PutEventsRequestEntry>> requests = new ArrayList<>();
        List<PutEventsRequestEntry> current = new ArrayList<>();
        int currentBytes = 0;
        for (PutEventsRequestEntry entry : entries) {
            int size = entrySize(entry);
            if (current.size() == MAX_ENTRIES || currentBytes + size > MAX_REQUEST_BYTES) {
                requests.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(entry);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    /** Source, detail-type and detail in UTF-8, plus 14 bytes for the time, as EventBridge counts. */
    static int entrySize(PutEventsRequestEntry entry) {
        return 14 + utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
