package com.example.local.pipes;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.local.Json;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A table's stream read the way EventBridge Pipes (and Lambda) read it: every shard from the
 * starting position, a child shard only after its parent is exhausted, and each record as the JSON
 * event a DynamoDB stream source delivers, so filters and input templates see what the table
 * really emitted. Not thread-safe: one reader per pipe.
 */
public final class StreamRecords {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;
    private final ShardIteratorType startingPosition;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> exhausted = new HashSet<>();

    public StreamRecords(DynamoDbStreamsClient streams, String streamArn, String region, ShardIteratorType startingPosition) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.region = region;
        this.startingPosition = startingPosition;
    }

    /** From the oldest record the stream holds. */
    public StreamRecords(DynamoDbStreamsClient streams, String streamArn, String region) {
        this(streams, streamArn, region, ShardIteratorType.TRIM_HORIZON);
    }

    /** The records written since the last poll (at most {@code limit}), oldest first. */
    public List<String> poll(int limit) {
        discoverShards();
        List<String> events = new ArrayList<>();
        for (Map.Entry<String, String> shard : List.copyOf(iterators.entrySet())) {
            if (events.size() >= limit) {
                break;
            }
            int wanted = limit - events.size();
            GetRecordsResponse page = streams.getRecords(builder -> builder.shardIterator(shard.getValue()).limit(wanted));
            page.records().forEach(record -> events.add(toSourceEvent(record)));
            if (page.nextShardIterator() == null) {
                iterators.remove(shard.getKey());
                exhausted.add(shard.getKey());
            } else {
                iterators.put(shard.getKey(), page.nextShardIterator());
            }
        }
        return events;
    }

    /** Every record the stream holds now (tests read a snapshot this way). */
    public List<String> all() {
        List<String> events = new ArrayList<>();
        List<String> page;
        do {
            page = poll(1000);
            events.addAll(page);
        } while (!page.isEmpty());
        return events;
    }

    private void discoverShards() {
        List<Shard> shards = streams.describeStream(builder -> builder.streamArn(streamArn)).streamDescription().shards();
        Set<String> known = new HashSet<>();
        shards.forEach(shard -> known.add(shard.shardId()));
        for (Shard shard : shards) {
            String id = shard.shardId();
            boolean parentDone = shard.parentShardId() == null || !known.contains(shard.parentShardId())
                    || exhausted.contains(shard.parentShardId());
            if (!iterators.containsKey(id) && !exhausted.contains(id) && parentDone) {
                ShardIteratorType position = shard.parentShardId() != null && exhausted.contains(shard.parentShardId())
                        ? ShardIteratorType.TRIM_HORIZON : startingPosition;
                iterators.put(id, streams.getShardIterator(builder -> builder.streamArn(streamArn).shardId(id)
                        .shardIteratorType(position)).shardIterator());
            }
        }
    }

    private String toSourceEvent(Record record) {
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        var change = record.dynamodb();
        dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        dynamodb.put("Keys", attributes(change.keys()));
        if (change.hasNewImage()) {
            dynamodb.put("NewImage", attributes(change.newImage()));
        }
        if (change.hasOldImage()) {
            dynamodb.put("OldImage", attributes(change.oldImage()));
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
            case BS -> Map.of("BS", value.bs().stream().map(StreamRecords::base64).toList());
            case L -> Map.of("L", value.l().stream().map(StreamRecords::typed).toList());
            case M -> Map.of("M", attributes(value.m()));
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("Unknown attribute type " + value);
        };
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
