package com.example.local.iam;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

/**
 * Who an access key belongs to. Temporary keys ({@code ASIA...}, as STS issues them) are looked up
 * in the local STS (moto), which knows the role session it issued each to: that is how a test acts
 * as a reviewer, by assuming the reviewer role as it would in AWS. Every other key, and an unsigned
 * request, is the local caller's. Signatures are not verified.
 */
public final class CallerIdentities {

    private static final Pattern ARN = Pattern.compile("<Arn>([^<]+)</Arn>");
    private static final Pattern USER_ID = Pattern.compile("<UserId>([^<]+)</UserId>");

    private final Principal localCaller;
    private final Optional<URI> sts;
    private final Map<String, Principal> known = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param localCaller who every request is when its key is not one STS issued
     * @param sts         the local STS endpoint; empty: every request is the local caller's
     */
    public CallerIdentities(Principal localCaller, Optional<URI> sts) {
        this.localCaller = localCaller;
        this.sts = sts;
    }

    /** The access key a SigV4-signed request names in its credential scope; empty for an unsigned one. */
    public static Optional<String> signingKey(HttpExchange exchange) {
        String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
        int credential = authorization.indexOf("Credential=");
        int end = credential < 0 ? -1 : authorization.indexOf('/', credential);
        return end < 0 ? Optional.empty() : Optional.of(authorization.substring(credential + "Credential=".length(), end));
    }

    /** Everyone is the local caller: for a run without STS. */
    public static CallerIdentities only(Principal localCaller) {
        return new CallerIdentities(localCaller, Optional.empty());
    }

    public Principal of(Optional<String> accessKey) {
        if (accessKey.isEmpty() || !accessKey.get().startsWith("ASIA") || sts.isEmpty()) {
            return accessKey.map(key -> new Principal(localCaller.arn(), localCaller.id(), key)).orElse(localCaller);
        }
        return known.computeIfAbsent(accessKey.get(), this::lookUp);
    }

    /** GetCallerIdentity as the key's holder; moto reads the key from the credential scope and checks no signature. */
    private Principal lookUp(String accessKey) {
        HttpRequest request = HttpRequest.newBuilder(sts.orElseThrow())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey
                        + "/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            String answer = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            Matcher arn = ARN.matcher(answer);
            Matcher userId = USER_ID.matcher(answer);
            if (!arn.find() || !userId.find() || !arn.group(1).contains(":assumed-role/")) {
                // Not a session STS issued (moto answers its default user): the local caller, signing with this key.
                return new Principal(localCaller.arn(), localCaller.id(), accessKey);
            }
            return new Principal(arn.group(1), userId.group(1), accessKey);
        } catch (IOException e) {
            throw new IllegalStateException("The local STS could not say who holds " + accessKey, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the local STS who holds " + accessKey, e);
        }
    }
}
