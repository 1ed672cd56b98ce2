package com.example.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;

class AwsClientsTest {

    @Test
    void aServiceSpecificEndpointWinsOverTheGeneralOne() {
        AwsClients clients = new AwsClients(LambdaEnvironment.of(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")));

        try (DynamoDbClient dynamoDb = clients.dynamoDb(); SsmClient ssm = clients.ssm()) {
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:8000"));
            assertThat(ssm.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:5000"));
            assertThat(dynamoDb.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
    }

    @Test
    void withoutAnOverrideTheRegionalEndpointIsUsed() {
        AwsClients clients = new AwsClients(LambdaEnvironment.of(Map.of("AWS_REGION", "eu-west-1")));
        try (DynamoDbClient dynamoDb = clients.dynamoDb()) {
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }

    @Test
    void sessionKeysFromTheEnvironmentAreTheCredentials() {
        AwsClients clients = new AwsClients(LambdaEnvironment.of(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token")));
        try (DynamoDbClient dynamoDb = clients.dynamoDb()) {
            var credentials = dynamoDb.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
            assertThat(credentials.accessKeyId()).isEqualTo("AKID");
            assertThat(credentials).isInstanceOf(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.class);
        }
    }
}
