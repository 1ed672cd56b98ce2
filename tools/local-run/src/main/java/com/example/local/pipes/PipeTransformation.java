package com.example.local.pipes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.eventbridge.EventPattern;

/**
 * What a pipe does to each source record on its way to the target: its filter criteria (a record
 * passes when any filter matches, or when there is none), then its target input template.
 */
public record PipeTransformation(List<EventPattern> filters, PipeInputTemplate inputTemplate) {

    public PipeTransformation {
        filters = List.copyOf(filters);
    }

    /** The filters and input template of an {@code AWS::Pipes::Pipe}; without a template the record passes as is. */
    public static PipeTransformation of(Resource pipe) {
        List<EventPattern> filters = new ArrayList<>();
        pipe.property("SourceParameters", "FilterCriteria", "Filters").ifPresent(list -> {
            for (Object filter : CloudFormationTemplate.asList(list)) {
                filters.add(EventPattern.of(String.valueOf(CloudFormationTemplate.asMap(filter).get("Pattern"))));
            }
        });
        String template = pipe.property("TargetParameters", "InputTemplate").map(String::valueOf).orElse("<$>");
        return new PipeTransformation(filters, new PipeInputTemplate(template));
    }

    public boolean keeps(String record) {
        return filters.isEmpty() || filters.stream().anyMatch(filter -> filter.matches(record));
    }

    public String render(String record, Map<String, String> reservedVariables) {
        return inputTemplate.render(record, reservedVariables);
    }

    /** What the pipe sends the target for these records: the kept ones, rendered. */
    public List<String> apply(List<String> records, Map<String, String> reservedVariables) {
        return records.stream().filter(this::keeps).map(record -> render(record, reservedVariables)).toList();
    }
}
