package com.example.tests.local;

import java.util.Map;
import java.util.Optional;

/**
 * The local implementations every integration test runs against, started once per test JVM and
 * stopped when it exits: DynamoDB Local (in this JVM), moto's server (a child process), and the
 * local Lambda service that runs handlers for moto, and ElasticMQ. Backends are made of them.
 */
public final class LocalImplementations {

    private static LocalImplementations servers;

    private final DynamoDbLocal dynamoDb;
    private final LocalLambdaService lambda;
    private final MotoServer moto;
    private final ElasticMq elasticMq;

    private LocalImplementations(DynamoDbLocal dynamoDb, LocalLambdaService lambda, MotoServer moto, ElasticMq elasticMq) {
        this.dynamoDb = dynamoDb;
        this.lambda = lambda;
        this.moto = moto;
        this.elasticMq = elasticMq;
    }

    private static synchronized LocalImplementations servers() {
        if (servers == null) {
            LocalLambdaService lambda = LocalLambdaService.start();
            LocalImplementations started = new LocalImplementations(DynamoDbLocal.start(), lambda, MotoServer.start(lambda),
                    ElasticMq.start());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.elasticMq.close();
                started.moto.close();
                started.lambda.close();
                started.dynamoDb.close();
            }));
            servers = started;
        }
        return servers;
    }

    /** DynamoDB Local for tables and streams (AWS's own implementation), moto for the rest. */
    public static AwsBackend dynamoDbLocalAndMoto() {
        LocalImplementations local = servers();
        return new Backend("DynamoDB Local + moto", Map.of(
                "AWS_ENDPOINT_URL", local.moto.endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", local.dynamoDb.endpoint().toString()), Optional.empty());
    }

    /** DynamoDB Local, ElasticMQ for queues (real visibility timeouts and redrive), moto for the rest. */
    public static AwsBackend dynamoDbLocalElasticMqAndMoto() {
        LocalImplementations local = servers();
        return new Backend("DynamoDB Local + ElasticMQ + moto", Map.of(
                "AWS_ENDPOINT_URL", local.moto.endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", local.dynamoDb.endpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", local.elasticMq.endpoint().toString()), Optional.empty());
    }

    /**
     * moto for every service, for tests where Step Functions writes to DynamoDB: moto's state machine
     * engine calls moto's own services, so the table must live there too.
     */
    public static AwsBackend moto() {
        LocalImplementations local = servers();
        return new Backend("moto", Map.of("AWS_ENDPOINT_URL", local.moto.endpoint().toString()), Optional.of(local.lambda));
    }

    private record Backend(String name, Map<String, String> endpoints, Optional<LocalLambdaService> localLambda)
            implements AwsBackend {

        @Override
        public Map<String, String> environment() {
            Map<String, String> environment = new java.util.HashMap<>(endpoints);
            environment.put("AWS_REGION", "us-east-1");
            environment.put("AWS_ACCESS_KEY_ID", "test");
            environment.put("AWS_SECRET_ACCESS_KEY", "test");
            return Map.copyOf(environment);
        }
    }
}
