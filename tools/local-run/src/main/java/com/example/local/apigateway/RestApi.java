package com.example.local.apigateway;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.example.local.Json;
import com.example.local.iam.CallerIdentities;
import com.example.local.iam.Principal;
import com.example.local.iam.ResourcePolicy;
import com.example.local.lambda.InvocationResult;
import com.example.local.lambda.InvokeOutcome;
import com.example.local.servers.HttpServers;
import com.example.local.trace.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * An API Gateway REST API stage with Lambda proxy integrations: routes from the template, throttling
 * at the stage's rate and burst, the 10 MB payload limit, body validation against the request
 * models, the proxy event API Gateway sends (stage, path parameters, a request context with the
 * caller's identity), the function's proxy response, the template's gateway responses for
 * everything that never reaches a function, and an access log in the stage's format.
 *
 * <p>The caller is whoever holds the signing key ({@link CallerIdentities}), and the API's resource
 * policy refuses what it denies explicitly (403, as API Gateway words it). Signatures and identity
 * policies are not evaluated: a request the resource policy does not deny is allowed.
 */
public final class RestApi implements HttpHandler, AutoCloseable {

    /** API Gateway refuses payloads over 10 MB. */
    public static final int PAYLOAD_LIMIT = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * The API as deployed: the resource that defines it ({@code OrdersService/OrdersApi}), its stage,
     * routes, gateway responses, throttling and access log format.
     */
    public record Stage(String logicalId, String apiId, String name, List<Route> routes, GatewayResponses responses,
                        double rateLimit, int burstLimit, Optional<String> accessLogFormat, String region, String accountId,
                        ResourcePolicy resourcePolicy) {

        public String arnPrefix() {
            return arnPrefix(region, accountId, apiId);
        }

        /** What a resource policy's {@code execute-api:/} stands for: the API's ARN, then a slash. */
        public static String arnPrefix(String region, String accountId, String apiId) {
            return "arn:aws:execute-api:" + region + ":" + accountId + ":" + apiId + "/";
        }
    }

    /** How the API invokes a function: synchronously, through the Lambda service. */
    @FunctionalInterface
    public interface Invoker {
        InvokeOutcome invoke(String functionArn, byte[] payload);
    }

    private final Stage stage;
    private final Invoker invoker;
    private final CallerIdentities callers;
    private final Trace trace;
    private final TokenBucket throttle;
    private final Optional<BufferedWriter> accessLog;

    public RestApi(Stage stage, Invoker invoker, CallerIdentities callers, Trace trace, Optional<Path> accessLogFile) {
        this.stage = stage;
        this.invoker = invoker;
        this.callers = callers;
        this.trace = trace;
        this.throttle = new TokenBucket(stage.rateLimit(), stage.burstLimit());
        this.accessLog = accessLogFile.filter(file -> stage.accessLogFormat().isPresent()).map(RestApi::open);
    }

    /** Whether a request path is this API's: under its stage, on one of its resources (whatever the method). */
    public boolean serves(String rawPath) {
        String stagePrefix = "/" + stage.name();
        if (!rawPath.startsWith(stagePrefix + "/")) {
            return false;
        }
        String path = rawPath.substring(stagePrefix.length());
        return stage.routes().stream().anyMatch(route -> route.match(route.method(), path).isPresent());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        Principal caller = callers.of(CallerIdentities.signingKey(exchange));
        Map<String, String> context = context(exchange, caller);
        Answer answer = answer(exchange, caller, context);
        context.put("status", Integer.toString(answer.status));
        context.put("responseLength", Integer.toString(answer.body.length));
        context.put("responseLatency", Long.toString((System.nanoTime() - started) / 1_000_000));
        Map<String, String> headers = new LinkedHashMap<>(answer.headers);
        headers.putIfAbsent("Content-Type", "application/json");
        headers.put("x-amzn-RequestId", context.get("requestId"));
        headers.put("x-amz-apigw-id", context.get("extendedRequestId"));
        headers.put("X-Amzn-Trace-Id", context.get("xrayTraceId"));
        HttpServers.answer(exchange, answer.status, headers, answer.body);
        logAccess(context);
        trace.print(Trace.Source.API, exchange.getRequestMethod() + " " + exchange.getRequestURI() + " -> " + answer.status
                + answer.through.map(function -> " (" + function + ", " + context.get("integration.latency") + " ms)").orElse("")
                + Optional.ofNullable(context.get("error.message")).filter(message -> !message.isEmpty())
                        .map(message -> " " + message).orElse(""));
    }

    private record Answer(int status, Map<String, String> headers, byte[] body, Optional<String> through) {
    }

    private Answer answer(HttpExchange exchange, Principal caller, Map<String, String> context) throws IOException {
        if (!throttle.tryTake()) {
            return gateway(GatewayResponses.Type.THROTTLED, 429, "Too Many Requests", context);
        }
        byte[] body = readLimited(exchange.getRequestBody());
        if (body.length > PAYLOAD_LIMIT) {
            return gateway(GatewayResponses.Type.REQUEST_TOO_LARGE, 413, "Request Too Long", context);
        }
        String stagePrefix = "/" + stage.name();
        String fullPath = exchange.getRequestURI().getRawPath();
        if (!fullPath.equals(stagePrefix) && !fullPath.startsWith(stagePrefix + "/")) {
            return gateway(GatewayResponses.Type.MISSING_AUTHENTICATION_TOKEN, 403, "Missing Authentication Token", context);
        }
        String path = fullPath.substring(stagePrefix.length());
        String method = exchange.getRequestMethod();
        Optional<Map.Entry<Route, Map<String, String>>> matched = stage.routes().stream()
                .sorted(Comparator.comparingInt(Route::specificity).reversed())
                .flatMap(route -> route.match(method, path.isEmpty() ? "/" : path).map(parameters -> Map.entry(route, parameters)).stream())
                .findFirst();
        if (matched.isEmpty()) {
            return gateway(GatewayResponses.Type.MISSING_AUTHENTICATION_TOKEN, 403, "Missing Authentication Token", context);
        }
        Route route = matched.get().getKey();
        context.put("resourcePath", route.resourcePath());
        Optional<String> denied = deniedByResourcePolicy(caller, method, path);
        if (denied.isPresent()) {
            return gateway(GatewayResponses.Type.ACCESS_DENIED, 403, denied.get(), context);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Optional<String> violations = route.model().flatMap(model -> model.violations(text));
        if (violations.isPresent()) {
            context.put("error.validationErrorString", violations.get());
            return gateway(GatewayResponses.Type.BAD_REQUEST_BODY, 400, "Invalid request body", context);
        }
        byte[] event = Json.write(proxyEvent(exchange, route, path, matched.get().getValue(), body, caller, context))
                .getBytes(StandardCharsets.UTF_8);
        long invoked = System.nanoTime();
        InvokeOutcome outcome = invoker.invoke(route.functionArn(), event);
        context.put("integration.latency", Long.toString((System.nanoTime() - invoked) / 1_000_000));
        return integrationAnswer(outcome, route, context);
    }

    /** API Gateway's message when the API's resource policy explicitly denies this caller this method and path. */
    private Optional<String> deniedByResourcePolicy(Principal caller, String method, String path) {
        String methodArn = stage.arnPrefix() + stage.name() + "/" + method + path;
        boolean denied = stage.resourcePolicy().denies(new ResourcePolicy.Request("execute-api:Invoke", methodArn,
                Map.of("aws:PrincipalArn", caller.policyArn(), "aws:PrincipalAccount", caller.account())));
        return denied ? Optional.of("User: " + caller.arn() + " is not authorized to perform: execute-api:Invoke on resource: "
                + methodArn + " with an explicit deny") : Optional.empty();
    }

    private Answer integrationAnswer(InvokeOutcome outcome, Route route, Map<String, String> context) {
        Optional<String> through = Optional.of(route.functionLogicalId());
        if (outcome instanceof InvokeOutcome.Completed(InvocationResult.Answered answered, String version)) {
            Optional<Answer> proxied = proxyResponse(answered.payload(), through);
            if (proxied.isPresent()) {
                return proxied.get();
            }
            return withFunction(gateway(GatewayResponses.Type.DEFAULT_5XX, 502, "Internal server error",
                    withError(context, "Malformed Lambda proxy response")), through);
        }
        if (outcome instanceof InvokeOutcome.Completed(InvocationResult.Failed failed, String version)
                && failed.errorType().equals("Sandbox.Timedout")) {
            return withFunction(gateway(GatewayResponses.Type.INTEGRATION_TIMEOUT, 504, "Endpoint request timed out", context), through);
        }
        return withFunction(gateway(GatewayResponses.Type.DEFAULT_5XX, 502, "Internal server error", context), through);
    }

    private static Map<String, String> withError(Map<String, String> context, String integrationError) {
        context.put("integration.error", integrationError);
        return context;
    }

    private static Answer withFunction(Answer answer, Optional<String> function) {
        return new Answer(answer.status, answer.headers, answer.body, function);
    }

    /** A Lambda proxy response: statusCode, headers, multiValueHeaders, body (base64 when it says so). */
    private static Optional<Answer> proxyResponse(byte[] payload, Optional<String> through) {
        JsonNode response;
        try {
            response = Json.parse(payload);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        if (!response.isObject() || !response.path("statusCode").canConvertToInt()) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asText()));
        response.path("multiValueHeaders").properties().forEach(header -> {
            List<String> values = new ArrayList<>();
            header.getValue().forEach(value -> values.add(value.asText()));
            headers.put(header.getKey(), String.join(",", values));
        });
        String body = response.path("body").isNull() ? "" : response.path("body").asText("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return Optional.of(new Answer(response.path("statusCode").asInt(), headers, bytes, through));
    }

    private Answer gateway(GatewayResponses.Type type, int status, String message, Map<String, String> context) {
        context.putIfAbsent("error.message", message);
        GatewayResponses.Answer answer = stage.responses().answer(type, status, context);
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("Content-Type", answer.contentType());
        headers.put("x-amzn-ErrorType", errorType(type));
        return new Answer(answer.status(), headers, answer.body().getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    private static String errorType(GatewayResponses.Type type) {
        return switch (type) {
            case BAD_REQUEST_BODY -> "BadRequestException";
            case MISSING_AUTHENTICATION_TOKEN -> "MissingAuthenticationTokenException";
            case REQUEST_TOO_LARGE -> "RequestTooLargeException";
            case THROTTLED -> "TooManyRequestsException";
            case ACCESS_DENIED -> "AccessDeniedException";
            default -> "InternalServerErrorException";
        };
    }

    /** The event of a Lambda proxy integration (REST API, payload format 1.0). */
    private ObjectNode proxyEvent(HttpExchange exchange, Route route, String path, Map<String, String> pathParameters,
                                  byte[] body, Principal caller, Map<String, String> context) {
        ObjectNode event = Json.object();
        event.put("resource", route.resourcePath()).put("path", path).put("httpMethod", exchange.getRequestMethod());
        ObjectNode headers = Json.object();
        ObjectNode multiValueHeaders = Json.object();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.getLast());
            values.forEach(multiValueHeaders.putArray(name)::add);
        });
        event.set("headers", headers.isEmpty() ? null : headers);
        event.set("multiValueHeaders", multiValueHeaders.isEmpty() ? null : multiValueHeaders);
        ObjectNode query = Json.object();
        ObjectNode multiValueQuery = Json.object();
        Optional.ofNullable(exchange.getRequestURI().getRawQuery()).ifPresent(raw -> {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                String value = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
                query.put(name, value);
                (multiValueQuery.has(name) ? (com.fasterxml.jackson.databind.node.ArrayNode) multiValueQuery.get(name)
                        : multiValueQuery.putArray(name)).add(value);
            }
        });
        event.set("queryStringParameters", query.isEmpty() ? null : query);
        event.set("multiValueQueryStringParameters", multiValueQuery.isEmpty() ? null : multiValueQuery);
        ObjectNode parameters = Json.object();
        pathParameters.forEach(parameters::put);
        event.set("pathParameters", parameters.isEmpty() ? null : parameters);
        event.putNull("stageVariables");
        ObjectNode requestContext = event.putObject("requestContext");
        requestContext.put("resourceId", Integer.toHexString(route.resourcePath().hashCode()))
                .put("resourcePath", route.resourcePath()).put("httpMethod", exchange.getRequestMethod())
                .put("extendedRequestId", context.get("extendedRequestId")).put("requestTime", context.get("requestTime"))
                .put("path", exchange.getRequestURI().getRawPath()).put("accountId", stage.accountId())
                .put("protocol", "HTTP/1.1").put("stage", stage.name()).put("domainPrefix", "localhost")
                .put("requestTimeEpoch", Long.parseLong(context.get("requestTimeEpoch"))).put("requestId", context.get("requestId"))
                .put("domainName", context.get("domainName")).put("apiId", stage.apiId());
        ObjectNode identity = requestContext.putObject("identity");
        identity.putNull("cognitoIdentityPoolId").put("accountId", stage.accountId()).putNull("cognitoIdentityId")
                .put("caller", caller.id()).put("sourceIp", context.get("identity.sourceIp")).putNull("principalOrgId")
                .put("accessKey", context.get("identity.accessKey")).putNull("cognitoAuthenticationType")
                .putNull("cognitoAuthenticationProvider").put("userArn", caller.arn())
                .put("userAgent", context.get("identity.userAgent")).put("user", caller.id());
        event.put("body", body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
        event.put("isBase64Encoded", false);
        return event;
    }

    /** The {@code $context} variables of a request, as gateway responses and the access log see them. */
    private Map<String, String> context(HttpExchange exchange, Principal caller) {
        Instant now = Instant.now();
        Map<String, String> context = new LinkedHashMap<>();
        context.put("requestId", UUID.randomUUID().toString());
        context.put("extendedRequestId", UUID.randomUUID().toString().substring(0, 16));
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", Long.toString(now.toEpochMilli()));
        context.put("httpMethod", exchange.getRequestMethod());
        context.put("path", exchange.getRequestURI().getRawPath());
        context.put("stage", stage.name());
        context.put("domainName", Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("localhost"));
        context.put("identity.sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        context.put("identity.userAgent", Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent")).orElse(""));
        context.put("identity.caller", caller.id());
        context.put("identity.userArn", caller.arn());
        context.put("identity.accessKey", caller.accessKey());
        context.put("xrayTraceId", Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id"))
                .orElseGet(() -> "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 24)));
        return context;
    }

    /** Reads at most one byte past the limit: enough to know the body is too large. */
    private static byte[] readLimited(InputStream body) throws IOException {
        byte[] read = body.readNBytes(PAYLOAD_LIMIT + 1);
        if (read.length > PAYLOAD_LIMIT) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return read;
    }

    private void logAccess(Map<String, String> context) {
        accessLog.ifPresent(writer -> {
            Map<String, String> logged = new LinkedHashMap<>(context);
            String line = GatewayResponses.render(stage.accessLogFormat().orElseThrow().replace("\n", ""),
                    new DashForMissing(logged));
            synchronized (writer) {
                try {
                    writer.write(line);
                    writer.newLine();
                    writer.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    /** Access logs write {@code -} for a variable without a value. */
    private static final class DashForMissing extends LinkedHashMap<String, String> {
        DashForMissing(Map<String, String> values) {
            super(values);
        }

        @Override
        public String getOrDefault(Object key, String fallback) {
            String value = get(key);
            return value == null || value.isEmpty() ? "-" : value;
        }
    }

    private static BufferedWriter open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        accessLog.ifPresent(writer -> {
            try {
                writer.close();
            } catch (IOException ignored) {
                // The run is ending; an unflushed access log line is all that can be lost.
            }
        });
    }

    /** The stage's throttle: a bucket of {@code burst} requests refilled at {@code rate} per second. */
    private static final class TokenBucket {
        private final double rate;
        private final double capacity;
        private double tokens;
        private long refilled = System.nanoTime();

        TokenBucket(double rate, int burst) {
            this.rate = rate;
            this.capacity = burst;
            this.tokens = burst;
        }

        synchronized boolean tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilled) / 1e9 * rate);
            refilled = now;
            if (tokens < 1) {
                return false;
            }
            tokens--;
            return true;
        }
    }
}
