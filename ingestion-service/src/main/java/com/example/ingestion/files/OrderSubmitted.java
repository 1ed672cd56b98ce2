package com.example.ingestion.files;

import java.time.Instant;

import com.example.platform.events.EventEnvelope;
import com.example.platform.events.EventMetadata;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code data} of OrderSubmitted (contracts/events/order-submitted.v1.schema.json). The event id
 * is the partner and its order reference: the same line, read twice, is the same event.
 */
public record OrderSubmitted(String partnerId, String partnerOrderRef, JsonNode order, Source source) {

    public static final String DETAIL_TYPE = "OrderSubmitted";

    public record Source(String bucket, String key, String versionId, int line) {
    }

    static EventEnvelope<OrderSubmitted> of(PartnerFile file, int line, String partnerOrderRef, JsonNode order,
                                            String causationId, Instant occurredAt) {
        EventMetadata metadata = new EventMetadata(file.partnerId() + ":" + partnerOrderRef, "1", file.correlationId(),
                causationId, occurredAt);
        return new EventEnvelope<>(metadata, new OrderSubmitted(file.partnerId(), partnerOrderRef, order,
                new Source(file.bucket(), file.key(), file.versionId(), line)));
    }
}
