package com.example.platform.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The one place SDK clients are built. Handlers call it once, at init, and keep the clients for
 * every invocation (and in the SnapStart snapshot).
 *
 * <ul>
 *   <li>HTTP: the JDK's URLConnection client; no Apache or Netty stack is on the classpath.</li>
 *   <li>Region: {@code AWS_REGION}, which Lambda always sets, so no region lookup chain runs.</li>
 *   <li>Credentials: the session keys Lambda puts in the environment, or, on SnapStart restores
 *       where those are absent, the container credentials endpoint.</li>
 *   <li>Endpoint: {@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL} when set (local
 *       tests, {@code sam local}); never set in a deployed stack.</li>
 * </ul>
 * X-Ray tracing of every call comes from the instrumentor jar in the layer, which registers its
 * interceptor with the SDK itself.
 */
public final class AwsClients {

    private final LambdaEnvironment environment;
    private final SdkHttpClient httpClient;
    private final Region region;
    private final AwsCredentialsProvider credentials;

    public AwsClients(LambdaEnvironment environment) {
        this.environment = environment;
        this.httpClient = UrlConnectionHttpClient.create();
        this.region = Region.of(environment.required("AWS_REGION"));
        this.credentials = AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(this::environmentKeys, ContainerCredentialsProvider.create())
                .build();
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "DYNAMODB").build();
    }

    /**
     * The enhanced client, which maps items through table schemas, over a low-level client the
     * caller keeps for the few calls the enhanced one cannot express. Its default extensions
     * include the atomic counter the invoice numbers use.
     */
    public DynamoDbEnhancedClient dynamoDbEnhanced(DynamoDbClient dynamoDb) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
    }

    public SsmClient ssm() {
        return configure(SsmClient.builder(), "SSM").build();
    }

    public SfnClient stepFunctions() {
        return configure(SfnClient.builder(), "SFN").build();
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder(), "EVENTBRIDGE").build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), "SECRETS_MANAGER").build();
    }

    /** Path-style addressing only when an endpoint is overridden: local implementations serve buckets by path. */
    public S3Client s3() {
        S3ClientBuilder builder = configure(S3Client.builder(), "S3");
        if (endpointOverride("S3").isPresent()) {
            builder.forcePathStyle(true);
        }
        return builder.build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String serviceId) {
        builder.httpClient(httpClient).region(region).credentialsProvider(credentials);
        endpointOverride(serviceId).ifPresent(builder::endpointOverride);
        return builder;
    }

    private Optional<URI> endpointOverride(String serviceId) {
        return environment.optional("AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT))
                .or(() -> environment.optional("AWS_ENDPOINT_URL"))
                .map(URI::create);
    }

    private AwsCredentials environmentKeys() {
        String accessKey = environment.optional("AWS_ACCESS_KEY_ID")
                .orElseThrow(() -> SdkClientException.create("No AWS_ACCESS_KEY_ID in the environment"));
        String secretKey = environment.required("AWS_SECRET_ACCESS_KEY");
        return environment.optional("AWS_SESSION_TOKEN")
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(accessKey, secretKey, token))
                .orElseGet(() -> AwsBasicCredentials.create(accessKey, secretKey));
    }
}
