package com.example.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * One service's REST API as a caller sees it, at the URL the stack's outputs give it: every request
 * signed with SigV4 for execute-api, as IAM authorisation requires. Each service has its own API,
 * so a caller never assumes the orders and the invoices are served from one address.
 */
public final class Api {

    private static final Set<String> SET_BY_THE_CLIENT = Set.of("host", "content-length");

    /** An answer: status, headers (lower-cased names) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public JsonNode json() {
            try {
                return Stack.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("The answer is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Stack stack;
    private final String urlOutput;
    private final AwsCredentialsProvider credentials;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private Api(Stack stack, String urlOutput, AwsCredentialsProvider credentials) {
        this.stack = stack;
        this.urlOutput = urlOutput;
        this.credentials = credentials;
        this.base = stack.apiUrl(urlOutput);
    }

    /** The orders service's API: POST /orders, GET /orders/{orderId}, POST /orders/{orderId}/review. */
    public static Api orders(Stack stack) {
        return new Api(stack, "OrdersApiUrl", stack.credentials());
    }

    /** This API as a reviewer calls it: signed by a session of the reviewer role. */
    public Api asReviewer() {
        return new Api(stack, urlOutput, stack.reviewer());
    }

    /** The invoice service's API: GET /invoices/{invoiceId}. */
    public static Api invoices(Stack stack) {
        return new Api(stack, "InvoicesApiUrl", stack.credentials());
    }

    public Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Answer post(String path, String body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    /** {@code path} is relative to the API's URL ({@code /orders}), or absolute as a Location gives it ({@code /dev/orders/1}). */
    public Answer send(String method, String path, String body, Map<String, String> headers) {
        URI uri = resolve(path);
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(payload));
        signedHeaders(method, uri, all, payload).forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> answerHeaders.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            return new Answer(response.statusCode(), answerHeaders, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The headers of the request signed with SigV4 for execute-api (the given ones, the date, the
     * signature), leaving out those the HTTP client sets itself; any HTTP client can send them.
     */
    public Map<String, List<String>> signedHeaders(String method, URI uri, Map<String, String> headers, byte[] payload) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method));
        headers.forEach(unsigned::putHeader);
        SignedRequest signed = signer.sign(request -> request.identity(credentials.resolveCredentials())
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, stack.region().id()));
        Map<String, List<String>> sent = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> {
            if (!SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                sent.put(name, values);
            }
        });
        return sent;
    }

    /** The URI of a path of the API. */
    public URI resolve(String path) {
        String stage = base.getPath();
        String full = path.startsWith(stage + "/") ? path : stage + path;
        return base.resolve(full);
    }

    static List<String> problemFields() {
        return List.of("type", "title", "status");
    }
}
