package com.example.local.s3;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.example.local.Json;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * S3's EventBridge notifications: for a bucket with EventBridge enabled, each object created
 * (put, copied, or completed as a multipart upload) becomes an {@code Object Created} event from
 * {@code aws.s3} on the default bus, with the detail S3 sends (bucket, key, size, ETag, version id,
 * sequencer, reason). Other S3 event types are not emitted locally.
 */
public final class BucketNotifications {

    /** Where the events go: a PutEvents call on the default bus. */
    @FunctionalInterface
    public interface Bus {
        JsonNode putEvents(ArrayNode entries);
    }

    private final Set<String> buckets = ConcurrentHashMap.newKeySet();
    private final Bus bus;
    private final Trace trace;
    private final String accountId;
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1000);

    public BucketNotifications(Bus bus, Trace trace, String accountId) {
        this.bus = bus;
        this.trace = trace;
        this.accountId = accountId;
    }

    /** {@code NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled: true} on this bucket. */
    public void enableEventBridge(String bucket) {
        buckets.add(bucket);
    }

    public boolean sendsToEventBridge(String bucket) {
        return buckets.contains(bucket);
    }

    /** An object was created in a bucket: its event, when the bucket sends to EventBridge. */
    public void objectCreated(String bucket, String key, long size, String etag, Optional<String> versionId, String reason,
                              String sourceIp) {
        if (!buckets.contains(bucket)) {
            return;
        }
        ObjectNode object = Json.object().put("key", key).put("size", size).put("etag", etag.replace("\"", ""));
        versionId.ifPresent(version -> object.put("version-id", version));
        object.put("sequencer", HexFormat.of().toHexDigits(sequencer.incrementAndGet()).toUpperCase(java.util.Locale.ROOT));
        ObjectNode detail = Json.object().put("version", "0");
        detail.putObject("bucket").put("name", bucket);
        detail.set("object", object);
        detail.put("request-id", Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT))
                .put("requester", accountId).put("source-ip-address", sourceIp).put("reason", reason);
        ObjectNode entry = Json.object().put("Source", "aws.s3").put("DetailType", "Object Created")
                .put("Detail", Json.write(detail)).put("EventBusName", "default")
                .put("Time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        entry.putArray("Resources").add("arn:aws:s3:::" + bucket);
        ArrayNode entries = Json.array().add(entry);
        JsonNode answer = bus.putEvents(entries);
        if (answer.path("FailedEntryCount").asInt() > 0) {
            trace.print(Trace.Source.S3, "the default bus refused Object Created for s3://" + bucket + "/" + key + ": "
                    + answer.path("Entries").path(0));
        } else {
            trace.print(Trace.Source.S3, "s3://" + bucket + "/" + key + " created (" + size + " bytes, " + reason + ")");
        }
    }
}
