package com.example.tests.local;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in Docker, through Testcontainers: the second backend of every integration test where
 * Docker exists. 4.14.0 is the last image that starts without an auth token; a token in
 * {@code LOCALSTACK_AUTH_TOKEN} is passed through for newer images or paid features.
 */
public final class LocalStack implements AwsBackend {

    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.14.0");

    private static LocalStack shared;

    private final LocalStackContainer container;

    private LocalStack(LocalStackContainer container) {
        this.container = container;
    }

    public static synchronized LocalStack shared() {
        if (shared == null) {
            LocalStackContainer container = new LocalStackContainer(IMAGE).withServices("dynamodb", "dynamodbstreams", "ssm");
            Optional.ofNullable(System.getenv("LOCALSTACK_AUTH_TOKEN"))
                    .ifPresent(token -> container.withEnv("LOCALSTACK_AUTH_TOKEN", token));
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            shared = new LocalStack(container);
        }
        return shared;
    }

    @Override
    public String name() {
        return "LocalStack " + IMAGE.getVersionPart();
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_REGION", container.getRegion());
        environment.put("AWS_ACCESS_KEY_ID", container.getAccessKey());
        environment.put("AWS_SECRET_ACCESS_KEY", container.getSecretKey());
        environment.put("AWS_ENDPOINT_URL", container.getEndpoint().toString());
        return environment;
    }
}
