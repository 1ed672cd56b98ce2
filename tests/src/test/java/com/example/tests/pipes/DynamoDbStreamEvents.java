package com.example.tests.pipes;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.platform.json.Json;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's stream and writes each record as the JSON event EventBridge Pipes (like Lambda)
 * receives from a DynamoDB stream source, so filters and input templates can be evaluated on what
 * the table really emitted.
 */
public final class DynamoDbStreamEvents {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;

    public DynamoDbStreamEvents(DynamoDbStreamsClient streams, String streamArn, String region) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.region = region;
    }

    /** Every record in the stream so far, oldest first, as Pipes source events. */
    public List<String> all() {
        List<String> events = new ArrayList<>();
        for (Shard shard : streams.describeStream(builder -> builder.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(builder -> builder.streamArn(streamArn)
                    .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(builder -> builder.shardIterator(current));
                page.records().forEach(record -> events.add(toPipeEvent(record)));
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return events;
    }

    private String toPipeEvent(Record record) {
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        var change = record.dynamodb();
        dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        dynamodb.put("Keys", attributes(change.keys()));
        if (change.hasNewImage()) {
            dynamodb.put("NewImage", attributes(change.newImage()));
        }
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        dynamodb.put("SizeBytes", change.sizeBytes());
        dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventID", record.eventID());
        event.put("eventName", record.eventNameAsString());
        event.put("eventVersion", record.eventVersion());
        event.put("eventSource", "aws:dynamodb");
        event.put("awsRegion", region);
        event.put("dynamodb", dynamodb);
        event.put("eventSourceARN", streamArn);
        return Json.write(event);
    }

    private static Map<String, Object> attributes(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        item.forEach((name, value) -> json.put(name, typed(value)));
        return json;
    }

    /** DynamoDB's typed JSON: {"S": ...}, {"N": "12.50"}, {"L": [...]}, {"M": {...}}. */
    private static Map<String, Object> typed(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case B -> Map.of("B", base64(value.b()));
            case BOOL -> Map.of("BOOL", value.bool());
            case NUL -> Map.of("NULL", true);
            case SS -> Map.of("SS", value.ss());
            case NS -> Map.of("NS", value.ns());
            case BS -> Map.of("BS", value.bs().stream().map(DynamoDbStreamEvents::base64).toList());
            case L -> Map.of("L", value.l().stream().map(DynamoDbStreamEvents::typed).toList());
            case M -> Map.of("M", attributes(value.m()));
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("Unknown attribute type " + value);
        };
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
