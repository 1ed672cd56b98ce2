package com.example.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

/**
 * Read access to an API Gateway proxy request. Header names are matched case-insensitively
 * (HTTP says they are; API Gateway passes them as the client wrote them).
 */
public record ApiRequest(APIGatewayProxyRequestEvent event) {

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(event.getPathParameters()).map(parameters -> parameters.get(name));
    }

    public String body() {
        String body = event.getBody();
        if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }

    /** The path as the caller wrote it (with the stage), for {@code Location} and problem instances. */
    public String path() {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayProxyRequestEvent.ProxyRequestContext::getPath)
                .orElseGet(event::getPath);
    }

    /**
     * API Gateway's id of this request: the causation of whatever the request produces. A request
     * that did not come through API Gateway (a hand-made test event) gets a fresh id.
     */
    public String requestId() {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayProxyRequestEvent.ProxyRequestContext::getRequestId)
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    /**
     * Who sent the request: the signing principal's ARN. Every route requires one, so the fallback
     * {@code anonymous} names only a request that came around API Gateway (a test, a direct invoke).
     */
    public String principal() {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayProxyRequestEvent.ProxyRequestContext::getIdentity)
                .map(APIGatewayProxyRequestEvent.RequestIdentity::getUserArn)
                .orElse("anonymous");
    }
}
