package com.example.local.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.local.faults.Fault;
import com.example.local.faults.FaultInjection;
import com.example.local.faults.FaultSwitch;
import com.example.local.s3.BucketNotifications;
import com.example.local.servers.HttpServers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * One endpoint for every AWS API of the local run, as {@code AWS_ENDPOINT_URL} gives it to the
 * functions, the workflows and the AWS CLI. A request goes to the service its SigV4 signature
 * names (the credential scope), or its {@code X-Amz-Target}: SQS to ElasticMQ, EventBridge and
 * Lambda to the local run's own, everything else (DynamoDB and its streams, S3, Parameter Store,
 * Secrets Manager, STS, Step Functions) to moto. Objects created in S3 through it become the bucket's
 * EventBridge notifications.
 */
public final class AwsEndpoint implements HttpHandler {

    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern PRESIGNED_SCOPE = Pattern.compile("X-Amz-Credential=[^&]*%2F([a-z0-9-]+)%2Faws4_request");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "date");
    private static final Map<String, String> TARGET_PREFIXES = Map.of(
            "DynamoDB_", "dynamodb", "DynamoDBStreams_", "dynamodb", "AWSEvents.", "events", "AmazonSQS.", "sqs",
            "AWSStepFunctions.", "states", "AmazonSSM.", "ssm", "secretsmanager.", "secretsmanager");

    /** Where a service's requests go: a handler in this JVM, or a local server. */
    public sealed interface Backend {
        record InProcess(HttpHandler handler) implements Backend {
        }

        record Remote(URI endpoint) implements Backend {
        }
    }

    private final Map<String, Backend> services;
    private final Backend others;
    private final URI s3Endpoint;
    private final S3Client s3;
    private final BucketNotifications notifications;
    private final FaultInjection faults;
    private final FaultSwitch faultSwitch;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param services      backends by signing name ({@code dynamodb}, {@code sqs}, {@code events}, {@code lambda})
     * @param others        the backend of every other service (moto)
     * @param s3Endpoint    where S3 is served (moto)
     * @param s3            a client of that S3, to read what an upload created
     * @param notifications the buckets that send their events to EventBridge
     * @param faults        the fault switch, served at {@value FaultSwitch#PATH}; DynamoDB's faults show here
     */
    public AwsEndpoint(Map<String, Backend> services, Backend others, URI s3Endpoint, S3Client s3,
                       BucketNotifications notifications, FaultInjection faults) {
        this.services = Map.copyOf(services);
        this.others = others;
        this.s3Endpoint = s3Endpoint;
        this.s3 = s3;
        this.notifications = notifications;
        this.faults = faults;
        this.faultSwitch = new FaultSwitch(faults);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (exchange.getRequestURI().getPath().startsWith(FaultSwitch.PATH)) {
                faultSwitch.handle(exchange);
                return;
            }
            String service = service(exchange);
            if (service.equals("dynamodb") && throttled(exchange)) {
                return;
            }
            if (service.equals("s3")) {
                s3(exchange);
                return;
            }
            switch (services.getOrDefault(service, others)) {
                case Backend.InProcess(HttpHandler handler) -> handler.handle(exchange);
                case Backend.Remote(URI endpoint) -> forward(exchange, endpoint, exchange.getRequestURI().getRawPath());
            }
        } catch (IOException | RuntimeException e) {
            HttpServers.answer(exchange, 502, Map.of("Content-Type", "text/plain"),
                    ("The local AWS endpoint could not pass this request on: " + e).getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    /** Answers DynamoDB's throttling error, as the SDK retries it, when the fault switch says this call fails. */
    private boolean throttled(HttpExchange exchange) throws IOException {
        String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
        String action = target.substring(target.indexOf('.') + 1);
        Optional<Fault> fault = faults.strikes("dynamodb", action, "");
        if (fault.isEmpty()) {
            return false;
        }
        exchange.getRequestBody().readAllBytes();
        // With a request id, as DynamoDB answers: the SDKs (and moto's workflow engine, through botocore) read it.
        HttpServers.answer(exchange, 400, Map.of("Content-Type", "application/x-amz-json-1.0",
                        "x-amzn-RequestId", java.util.UUID.randomUUID().toString()),
                ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + fault.get().kind().error() + "\",\"message\":"
                        + "\"The level of configured provisioned throughput for the table was exceeded (fault injected by the local run)\"}")
                        .getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /** The service a request is for: its signature's scope, its target, or else S3 (unsigned object reads). */
    static String service(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            Matcher scope = CREDENTIAL_SCOPE.matcher(authorization);
            if (scope.find()) {
                return scope.group(1);
            }
        }
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Matcher presigned = PRESIGNED_SCOPE.matcher(query);
        if (presigned.find()) {
            return presigned.group(1);
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            for (Map.Entry<String, String> prefix : TARGET_PREFIXES.entrySet()) {
                if (target.startsWith(prefix.getKey())) {
                    return prefix.getValue();
                }
            }
        }
        if (exchange.getRequestURI().getRawPath().startsWith("/2015-03-31/functions/")) {
            return "lambda";
        }
        return "s3";
    }

    private void s3(HttpExchange exchange) throws IOException, InterruptedException {
        String path = pathStyle(exchange);
        int status = forward(exchange, s3Endpoint, path);
        String method = exchange.getRequestMethod();
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        if (status / 100 != 2 || !(method.equals("PUT") || method.equals("POST"))) {
            return;
        }
        String[] bucketAndKey = path.substring(1).split("/", 2);
        if (bucketAndKey.length < 2 || bucketAndKey[1].isEmpty() || !notifications.sendsToEventBridge(bucketAndKey[0])) {
            return;
        }
        Optional<String> reason = creation(method, query, exchange.getRequestHeaders().getFirst("x-amz-copy-source"));
        if (reason.isPresent()) {
            String bucket = bucketAndKey[0];
            String key = URLDecoder.decode(bucketAndKey[1].replace("+", "%2B"), StandardCharsets.UTF_8);
            Optional<String> version = Optional.ofNullable(exchange.getResponseHeaders().getFirst("x-amz-version-id"));
            HeadObjectResponse head = s3.headObject(builder -> builder.bucket(bucket).key(key).versionId(version.orElse(null)));
            notifications.objectCreated(bucket, key, head.contentLength(), head.eTag(), version, reason.get(),
                    exchange.getRemoteAddress().getAddress().getHostAddress());
        }
    }

    /** Which S3 call created an object, if this one did: a put, a copy, or the end of a multipart upload. */
    static Optional<String> creation(String method, String query, String copySource) {
        boolean part = query.contains("partNumber=");
        if (method.equals("PUT") && !part && !query.contains("uploadId=") && !isSubresource(query)) {
            return Optional.of(copySource == null ? "PutObject" : "CopyObject");
        }
        if (method.equals("POST") && query.contains("uploadId=")) {
            return Optional.of("CompleteMultipartUpload");
        }
        return Optional.empty();
    }

    /** {@code ?tagging}, {@code ?acl} and the like change an object, they create none. */
    private static boolean isSubresource(String query) {
        for (String parameter : query.split("&")) {
            String name = parameter.split("=", 2)[0];
            if (!name.isEmpty() && !name.startsWith("x-id") && !name.startsWith("X-Amz-") && !name.equals("versionId")) {
                return true;
            }
        }
        return false;
    }

    /** Virtual-hosted requests ({@code bucket.localhost}) become path-style, as the local S3 serves them. */
    private static String pathStyle(HttpExchange exchange) {
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("localhost");
        String name = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        String path = exchange.getRequestURI().getRawPath();
        if (name.endsWith(".localhost")) {
            String bucket = name.substring(0, name.length() - ".localhost".length());
            bucket = bucket.endsWith(".s3") ? bucket.substring(0, bucket.length() - 3) : bucket;
            return "/" + bucket + path;
        }
        return path;
    }

    /** Passes the request on and streams the answer back; returns the answer's status. */
    private int forward(HttpExchange exchange, URI endpoint, String rawPath) throws IOException, InterruptedException {
        String query = exchange.getRequestURI().getRawQuery();
        URI target = URI.create(endpoint.toString() + rawPath + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(15));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        long length = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Length"))
                .map(Long::parseLong).orElse(-1L);
        InputStream body = exchange.getRequestBody();
        HttpRequest.BodyPublisher publisher = length == 0 || (length < 0 && !chunked(exchange))
                ? HttpRequest.BodyPublishers.noBody()
                : length > 0 ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length)
                : HttpRequest.BodyPublishers.ofInputStream(() -> body);
        request.method(exchange.getRequestMethod(), publisher);
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        long answerLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean bodiless = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204
                || response.statusCode() == 304 || answerLength == 0;
        if (bodiless) {
            if (exchange.getRequestMethod().equals("HEAD") && answerLength > 0) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(answerLength));
            }
            exchange.sendResponseHeaders(response.statusCode(), -1);
            response.body().close();
        } else {
            exchange.sendResponseHeaders(response.statusCode(), Math.max(answerLength, 0));
            try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
        exchange.close();
        return response.statusCode();
    }

    private static boolean chunked(HttpExchange exchange) {
        return "chunked".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Transfer-Encoding"));
    }
}
