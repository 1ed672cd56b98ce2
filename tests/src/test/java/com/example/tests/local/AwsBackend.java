package com.example.tests.local;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.example.local.lambda.LambdaService;
import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Somewhere AWS APIs answer on loopback: moto, with ElasticMQ for queues or alone, or LocalStack.
 * Handlers reach it the way deployed functions reach AWS, through {@link AwsClients} and the
 * endpoints in {@link #environment()}; tests build the clients no function uses with {@link #client}.
 */
public interface AwsBackend {

    String name();

    /** Region, credentials and endpoint overrides, as environment variables. */
    Map<String, String> environment();

    /** The Lambda service of this backend, when its functions run in the test JVM. */
    default Optional<LambdaService> localLambda() {
        return Optional.empty();
    }

    default AwsClients clients() {
        return new AwsClients(LambdaEnvironment.of(environment()));
    }

    /** A test-side client of any service, pointed at this backend. */
    default <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String serviceId) {
        Map<String, String> environment = environment();
        String endpoint = environment.getOrDefault("AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT),
                environment.get("AWS_ENDPOINT_URL"));
        builder.httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(environment.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))))
                .endpointOverride(URI.create(endpoint));
        return builder.build();
    }
}
