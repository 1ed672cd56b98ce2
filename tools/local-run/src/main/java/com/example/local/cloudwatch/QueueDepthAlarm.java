package com.example.local.cloudwatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.local.cloudformation.CloudFormationTemplate;

/**
 * A CloudWatch alarm on a queue's depth (AWS/SQS ApproximateNumberOfMessagesVisible for one queue):
 * the kind every dead-letter queue here has, and the one the local run evaluates.
 */
public record QueueDepthAlarm(String logicalId, String queueName, double threshold, String comparison, String description) {

    public static Optional<QueueDepthAlarm> of(String logicalId, Map<String, Object> properties) {
        if (!"AWS/SQS".equals(properties.get("Namespace"))
                || !"ApproximateNumberOfMessagesVisible".equals(properties.get("MetricName"))) {
            return Optional.empty();
        }
        for (Object dimension : (List<?>) properties.getOrDefault("Dimensions", List.of())) {
            Map<String, Object> named = CloudFormationTemplate.asMap(dimension);
            if ("QueueName".equals(named.get("Name"))) {
                return Optional.of(new QueueDepthAlarm(logicalId, String.valueOf(named.get("Value")),
                        Double.parseDouble(String.valueOf(properties.getOrDefault("Threshold", 0))),
                        String.valueOf(properties.getOrDefault("ComparisonOperator", "GreaterThanThreshold")),
                        String.valueOf(properties.getOrDefault("AlarmDescription", ""))));
            }
        }
        return Optional.empty();
    }

    /** Whether this many visible messages put the alarm in ALARM. */
    public boolean breachedBy(long visible) {
        return switch (comparison) {
            case "GreaterThanThreshold" -> visible > threshold;
            case "GreaterThanOrEqualToThreshold" -> visible >= threshold;
            case "LessThanThreshold" -> visible < threshold;
            case "LessThanOrEqualToThreshold" -> visible <= threshold;
            default -> false;
        };
    }
}
