package com.example.tests.pipes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.example.tests.eventbridge.EventPattern;
import com.example.tests.template.CloudFormationTemplate;
import com.example.tests.template.CloudFormationTemplate.Resource;

/**
 * An EventBridge pipe of template.yaml applied locally: its filter (by Event Ruler) and its input
 * template, over the records a table's stream really emitted. What {@link #publish} returns is what
 * the pipe would put on the bus as event details.
 */
public final class OutboxPipe {

    private final EventPattern filter;
    private final PipeInputTemplate inputTemplate;

    private OutboxPipe(EventPattern filter, PipeInputTemplate inputTemplate) {
        this.filter = filter;
        this.inputTemplate = inputTemplate;
    }

    @SuppressWarnings("unchecked")
    public static OutboxPipe fromTemplate(String logicalId) {
        Resource pipe = CloudFormationTemplate.load().resource(logicalId);
        List<Map<String, String>> filters = (List<Map<String, String>>) pipe
                .property("SourceParameters", "FilterCriteria", "Filters").orElseThrow();
        return new OutboxPipe(EventPattern.of(filters.getFirst().get("Pattern")),
                new PipeInputTemplate(pipe.stringProperty("TargetParameters", "InputTemplate")));
    }

    public List<String> publish(List<String> streamRecords) {
        return streamRecords.stream()
                .filter(filter::matches)
                .map(record -> inputTemplate.render(record,
                        Map.of("aws.pipes.event.ingestion-time", Instant.now().toString())))
                .toList();
    }
}
