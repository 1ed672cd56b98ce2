package com.example.tests.local;

import java.util.Map;

/**
 * The backend every integration test runs against: DynamoDB Local for tables and streams, moto's
 * server for everything else. Started once per test JVM and stopped when it exits.
 */
public final class LocalImplementations implements AwsBackend {

    private static LocalImplementations shared;

    private final DynamoDbLocal dynamoDb;
    private final MotoServer moto;

    private LocalImplementations(DynamoDbLocal dynamoDb, MotoServer moto) {
        this.dynamoDb = dynamoDb;
        this.moto = moto;
    }

    public static synchronized LocalImplementations shared() {
        if (shared == null) {
            LocalImplementations started = new LocalImplementations(DynamoDbLocal.start(), MotoServer.start());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.moto.close();
                started.dynamoDb.close();
            }));
            shared = started;
        }
        return shared;
    }

    @Override
    public String name() {
        return "DynamoDB Local + moto";
    }

    @Override
    public Map<String, String> environment() {
        return Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
    }
}
