package com.example.tests.pipes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.example.local.pipes.PipeTransformation;
import com.example.tests.template.ApplicationTemplates;

/**
 * An EventBridge pipe of template.yaml applied as the local run applies it ({@link PipeTransformation}):
 * its filter and input template, over the records a table's stream really emitted. What
 * {@link #publish} returns is what the pipe would put on the bus as event details.
 */
public final class OutboxPipe {

    private final String name;
    private final PipeTransformation transformation;

    private OutboxPipe(String name, PipeTransformation transformation) {
        this.name = name;
        this.transformation = transformation;
    }

    public static OutboxPipe fromTemplate(String logicalId) {
        return new OutboxPipe(logicalId, PipeTransformation.of(ApplicationTemplates.resource(logicalId)));
    }

    public List<String> publish(List<String> streamRecords) {
        return transformation.apply(streamRecords, Map.of("aws.pipes.event.ingestion-time", Instant.now().toString(),
                "aws.pipes.pipe-name", name, "aws.pipes.pipe-arn", "arn:aws:pipes:us-east-1:000000000000:pipe/" + name));
    }
}
