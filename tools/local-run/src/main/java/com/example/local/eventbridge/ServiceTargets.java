package com.example.local.eventbridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.example.local.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.example.local.lambda.InvokeOutcome;
import com.example.local.lambda.LambdaService;
import com.example.local.sqs.Queues;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The targets EventBridge delivers to here: SQS queues (the event as the message body), Step
 * Functions state machines (an execution with a generated name and the event as input), Lambda
 * functions (an asynchronous invocation), event buses, and CloudWatch Logs log groups (the event
 * as one line of a file under the log directory, named after the group). Throttling and server
 * errors are retryable; a missing target or a refused call is not.
 */
public final class ServiceTargets implements Targets {

    private final Queues queues;
    private final SfnClient stepFunctions;
    private final LambdaService lambda;
    private final Supplier<LocalEventBridge> eventBridge;
    private final Path logDirectory;

    public ServiceTargets(Queues queues, SfnClient stepFunctions, LambdaService lambda, Supplier<LocalEventBridge> eventBridge,
                          Path logDirectory) {
        this.queues = queues;
        this.stepFunctions = stepFunctions;
        this.lambda = lambda;
        this.eventBridge = eventBridge;
        this.logDirectory = logDirectory;
    }

    /** The file a log group's events are written to: {@code /aws/events/x} is {@code aws.events.x.log}. */
    public static Path logFile(Path logDirectory, String logGroupArn) {
        String group = logGroupArn.substring(logGroupArn.indexOf(":log-group:") + ":log-group:".length()).replaceAll(":\\*$", "");
        return logDirectory.resolve(group.replaceAll("^/+", "").replace('/', '.') + ".log");
    }

    @Override
    public boolean supports(String targetArn) {
        return service(targetArn).matches("sqs|states|lambda|events")
                || (service(targetArn).equals("logs") && targetArn.contains(":log-group:"));
    }

    @Override
    public void deliver(String targetArn, String event) {
        switch (service(targetArn)) {
            case "sqs" -> call(() -> queues.send(targetArn, event));
            case "states" -> call(() -> stepFunctions.startExecution(builder -> builder.stateMachineArn(targetArn)
                    .name(UUID.randomUUID().toString()).input(event)));
            case "lambda" -> {
                InvokeOutcome outcome = lambda.invokeAsync(targetArn, event.getBytes(StandardCharsets.UTF_8));
                if (outcome instanceof InvokeOutcome.Refused refused) {
                    throw new DeliveryFailure(refused.errorType(), refused.message(), refused.status() == 429);
                }
            }
            case "events" -> {
                var entry = Json.object().put("Source", Json.parse(event).path("source").asText())
                        .put("DetailType", Json.parse(event).path("detail-type").asText())
                        .put("Detail", Json.write(Json.parse(event).path("detail")))
                        .put("EventBusName", targetArn);
                var answer = eventBridge.get().putEvents(Json.array().add(entry));
                if (answer.path("FailedEntryCount").asInt() > 0) {
                    throw new DeliveryFailure(answer.path("Entries").path(0).path("ErrorCode").asText(),
                            answer.path("Entries").path(0).path("ErrorMessage").asText(), false);
                }
            }
            case "logs" -> append(logFile(logDirectory, targetArn), logLine(event));
            default -> throw new DeliveryFailure("UnsupportedTarget", "Cannot deliver to " + targetArn, false);
        }
    }

    @Override
    public void deadLetter(String queueArn, String event, Map<String, String> attributes) {
        queues.send(queueArn, event, attributes);
    }

    /**
     * The line a log group receives: the event, on one line; or, from an input transformer, the
     * message of the {@code {"timestamp": ..., "message": ...}} shape CloudWatch Logs takes.
     */
    private static String logLine(String input) {
        JsonNode parsed = Json.parse(input);
        if (parsed.isObject() && parsed.size() == 2 && parsed.has("timestamp") && parsed.path("message").isTextual()) {
            return parsed.path("message").asText();
        }
        return Json.write(parsed);
    }

    private static synchronized void append(Path file, String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void call(Runnable delivery) {
        try {
            delivery.run();
        } catch (AwsServiceException refused) {
            boolean retryable = refused.isThrottlingException() || refused.statusCode() >= 500;
            throw new DeliveryFailure(refused.awsErrorDetails() == null ? "ServiceException"
                    : refused.awsErrorDetails().errorCode(), refused.getMessage(), retryable);
        } catch (RuntimeException unreachable) {
            throw new DeliveryFailure("InternalException", unreachable.getMessage(), true);
        }
    }

    private static String service(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 2 ? parts[2] : "";
    }
}
