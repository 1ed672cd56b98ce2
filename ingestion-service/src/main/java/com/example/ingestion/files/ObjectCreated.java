package com.example.ingestion.files;

import com.fasterxml.jackson.databind.JsonNode;

/** What ingestion reads of an S3 "Object Created" event delivered by EventBridge. */
public record ObjectCreated(String eventId, String bucket, String key, String versionId, long size) {

    /** The S3 event as EventBridge delivers it; a versioned bucket names the version, an unversioned one does not. */
    public static ObjectCreated from(JsonNode event) {
        JsonNode detail = event.path("detail");
        String bucket = detail.path("bucket").path("name").asText("");
        String key = detail.path("object").path("key").asText("");
        if (!"aws.s3".equals(event.path("source").asText()) || bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("Not an S3 Object Created event: " + event);
        }
        return new ObjectCreated(event.path("id").asText("unknown"), bucket, key,
                detail.path("object").path("version-id").asText("null"), detail.path("object").path("size").asLong(0));
    }
}
