package com.example.tests.s3;

import java.util.UUID;

import com.example.platform.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** S3 "Object Created" events as S3 sends them to EventBridge (the body of the message in events/ingestion-service/ingest-file.json). */
public final class ObjectCreatedEvents {

    private ObjectCreatedEvents() {
    }

    public static String of(String bucket, String key, String versionId, long size) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "Object Created")
                .put("source", "aws.s3").put("account", "000000000000").put("time", "2026-11-23T09:00:00Z")
                .put("region", "us-east-1");
        event.putArray("resources").add("arn:aws:s3:::" + bucket);
        ObjectNode detail = event.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", bucket);
        ObjectNode object = detail.putObject("object").put("key", key).put("size", size).put("etag", "d41d8cd98f00b204e9800998ecf8427e")
                .put("sequencer", "0062E99A88DC407460");
        if (versionId != null) {
            object.put("version-id", versionId);
        }
        detail.put("request-id", "N4N7GDK58NMKJ12R").put("requester", "000000000000").put("reason", "PutObject");
        return Json.write(event);
    }

    /** The event as the partner files queue hands it to IngestFile: the body of a one-message SQS batch. */
    public static String queued(String notification) {
        ObjectNode batch = Json.mapper().createObjectNode();
        batch.putArray("Records").addObject().put("messageId", UUID.randomUUID().toString()).put("receiptHandle", "local")
                .put("body", notification).put("eventSource", "aws:sqs");
        return Json.write(batch);
    }
}
