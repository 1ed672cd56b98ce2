package com.example.reliability;

import java.time.Duration;
import java.util.Optional;

/**
 * A fault a drill asks the local run's switch for ({@code POST /_local/faults}), some time into the load.
 *
 * @param after    how long after the load starts
 * @param service  the service ({@code dynamodb}, {@code events}, {@code lambda})
 * @param operation the operation ({@code *}, {@code PutEvents}, {@code DeliverToTarget}, {@code Crash})
 * @param resource narrows it to calls naming this (a target's queue, a function), if given
 * @param rate     the share of calls that fail
 * @param lasting  how long it lasts
 */
public record FaultRequest(Duration after, String service, String operation, Optional<String> resource, double rate,
                           Duration lasting) {

    String json() {
        var node = com.example.endtoend.Stack.JSON.createObjectNode().put("service", service).put("operation", operation)
                .put("rate", rate).put("seconds", lasting.toSeconds());
        resource.ifPresent(value -> node.put("resource", value));
        return node.toString();
    }

    String describe() {
        return String.format(java.util.Locale.ROOT, "%s %s%s at %.0f%% of calls for %d s, from %d s", service, operation,
                resource.map(value -> " (" + value + ")").orElse(""), rate * 100, lasting.toSeconds(), after.toSeconds());
    }
}
