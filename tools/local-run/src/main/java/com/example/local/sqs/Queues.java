package com.example.local.sqs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sending to a queue named by its ARN, as the services that deliver to queues do (rule targets,
 * dead-letter queues, on-failure destinations).
 */
public final class Queues {

    private final SqsClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public Queues(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void send(String queueArn, String body) {
        send(queueArn, body, Map.of());
    }

    public void send(String queueArn, String body, Map<String, String> stringAttributes) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        stringAttributes.forEach((name, value) -> attributes.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        sqs.sendMessage(builder -> builder.queueUrl(url(queueArn)).messageBody(body).messageAttributes(attributes));
    }

    /** The URL of the queue an ARN names ({@code arn:aws:sqs:region:account:name}). */
    public String url(String queueArn) {
        return urls.computeIfAbsent(queueArn, arn -> sqs.getQueueUrl(builder -> builder
                .queueName(arn.substring(arn.lastIndexOf(':') + 1))).queueUrl());
    }
}
