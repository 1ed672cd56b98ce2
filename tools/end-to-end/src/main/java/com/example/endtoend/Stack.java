package com.example.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The stack under test, as its outputs file describes it ({@code -De2e.outputs}, in the shape of
 * {@code sam list stack-outputs --output json}): the API's URL, the partner bucket, the tables. The
 * local run's file also names its AWS endpoint; then every client goes there, signed with the local
 * keys; otherwise to AWS, with the caller's credentials and region.
 */
public final class Stack {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static Stack current;

    private final Map<String, String> outputs;
    private final Optional<URI> localEndpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private AwsCredentialsProvider reviewer;
    private AwsCredentialsProvider redriver;

    private Stack(Map<String, String> outputs) {
        this.outputs = outputs;
        this.localEndpoint = Optional.ofNullable(outputs.get("LocalAwsEndpointUrl")).map(URI::create);
        this.region = Optional.ofNullable(outputs.get("LocalRegion")).map(Region::of)
                .orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
        this.credentials = localEndpoint.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }

    /** The stack an outputs file describes. */
    public static Stack described(Path outputsFile) {
        return new Stack(read(outputsFile));
    }

    public static synchronized Stack current() {
        if (current == null) {
            String file = System.getProperty("e2e.outputs");
            if (file == null || file.isBlank()) {
                throw new IllegalStateException("No stack to test: give -De2e.outputs=<outputs file>");
            }
            current = new Stack(read(Path.of(System.getProperty("project.root", ".")).resolve(file)));
        }
        return current;
    }

    private static Map<String, String> read(Path file) {
        try {
            Map<String, String> outputs = new LinkedHashMap<>();
            for (JsonNode output : JSON.readTree(Files.readString(file))) {
                outputs.put(output.path("OutputKey").asText(), output.path("OutputValue").asText());
            }
            return outputs;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the outputs file " + file, e);
        }
    }

    public String output(String key) {
        String value = outputs.get(key);
        if (value == null) {
            throw new IllegalStateException("The outputs file has no " + key);
        }
        return value;
    }

    /** A service API's base URL (the output that names it: OrdersApiUrl, InvoicesApiUrl), stage included, without a trailing slash. */
    public URI apiUrl(String output) {
        String url = output(output);
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public boolean isLocal() {
        return localEndpoint.isPresent();
    }

    /** The local run's AWS endpoint, where its fault switch is; empty for a deployed stack. */
    public Optional<URI> localEndpoint() {
        return localEndpoint;
    }

    public Region region() {
        return region;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /**
     * A reviewer's credentials: a session of the stack's reviewer role (output OrderReviewerRoleArn),
     * assumed with the caller's own credentials as a reviewer would; the local run's STS issues it too.
     */
    public synchronized AwsCredentialsProvider reviewer() {
        if (reviewer == null) {
            reviewer = sessionOf("OrderReviewerRoleArn", "end-to-end-reviewer");
        }
        return reviewer;
    }

    /**
     * An operator's credentials for a redrive: a session of the platform's redrive role (output
     * EventRedriveRoleArn), the one principal but a service's own publishers that the bus's policy lets
     * put that service's events back.
     */
    public synchronized AwsCredentialsProvider redriver() {
        if (redriver == null) {
            redriver = sessionOf("EventRedriveRoleArn", "redrive");
        }
        return redriver;
    }

    /** Sessions of the role an output names, assumed with the caller's own credentials. */
    private AwsCredentialsProvider sessionOf(String roleOutput, String sessionName) {
        return StsAssumeRoleCredentialsProvider.builder().stsClient(configured(StsClient.builder()))
                .refreshRequest(request -> request.roleArn(output(roleOutput)).roleSessionName(sessionName)).build();
    }

    /** EventBridge as an operator redriving events ({@link #redriver()}). */
    public EventBridgeClient eventBridgeAsRedriver() {
        return configured(EventBridgeClient.builder(), redriver());
    }

    public S3Client s3() {
        return configured(S3Client.builder().forcePathStyle(localEndpoint.isPresent()));
    }

    public DynamoDbClient dynamoDb() {
        return configured(DynamoDbClient.builder());
    }

    public SqsClient sqs() {
        return configured(SqsClient.builder());
    }

    public EventBridgeClient eventBridge() {
        return configured(EventBridgeClient.builder());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(B builder) {
        return configured(builder, credentials);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(B builder, AwsCredentialsProvider signer) {
        builder.httpClient(UrlConnectionHttpClient.create()).region(region).credentialsProvider(signer)
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(60)).build());
        localEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
