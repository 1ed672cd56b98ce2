package com.example.tests.lambda;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;

/**
 * The sample events in {@code events/} (the files {@code sam local invoke -e} takes), loaded as the
 * Lambda event types, so the tests and the samples cannot drift apart.
 */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static SQSEvent queueBatch(String file) {
        return Json.read(ProjectFiles.read("events/" + file), SQSEvent.class);
    }

    public static APIGatewayProxyRequestEvent apiRequest(String file) {
        APIGatewayProxyRequestEvent event = Json.read(ProjectFiles.read("events/" + file), APIGatewayProxyRequestEvent.class);
        // Each invocation through API Gateway has its own request id.
        event.getRequestContext().setRequestId(UUID.randomUUID().toString());
        event.setHeaders(new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders()));
        return event;
    }
}
