package com.example.local;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one place the local run builds SDK clients: to a local endpoint, in the local region, with the
 * local run's keys (no local implementation checks signatures), over the JDK's HTTP stack.
 */
public final class AwsClientFactory {

    /** The keys every local caller signs with. */
    public static final String ACCESS_KEY_ID = "local";
    public static final String SECRET_ACCESS_KEY = "local";

    private final String region;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .socketTimeout(Duration.ofSeconds(60)).build();

    public AwsClientFactory(String region) {
        this.region = region;
    }

    public String region() {
        return region;
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        builder.httpClient(http)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .endpointOverride(endpoint)
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(90)).build());
        return builder.build();
    }

    /** S3 by path: local implementations serve buckets under the path, not as host names. */
    public S3Client s3(URI endpoint) {
        return client(S3Client.builder().forcePathStyle(true), endpoint);
    }
}
