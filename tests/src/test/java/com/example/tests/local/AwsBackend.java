package com.example.tests.local;

import java.net.URI;
import java.util.Map;

import com.example.platform.aws.AwsClients;
import com.example.platform.aws.LambdaEnvironment;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Somewhere AWS APIs answer on loopback: DynamoDB Local with moto, or LocalStack. Handlers and test
 * clients reach it the same way deployed functions reach AWS, through {@link AwsClients}, with the
 * endpoints in {@link #environment()}.
 */
public interface AwsBackend {

    String name();

    /** Region, credentials and endpoint overrides, as environment variables. */
    Map<String, String> environment();

    default AwsClients clients() {
        return new AwsClients(LambdaEnvironment.of(environment()));
    }

    /** The streams API, which no function calls (the outbox pipe reads the stream), for tests only. */
    default DynamoDbStreamsClient dynamoDbStreams() {
        Map<String, String> environment = environment();
        return DynamoDbStreamsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(environment.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))))
                .endpointOverride(URI.create(environment.getOrDefault("AWS_ENDPOINT_URL_DYNAMODB",
                        environment.get("AWS_ENDPOINT_URL"))))
                .build();
    }
}
