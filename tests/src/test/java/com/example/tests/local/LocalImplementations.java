package com.example.tests.local;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The local implementations the integration tests run against, each started the first time a test
 * needs it and stopped when the test JVM exits: DynamoDB Local (in this JVM), moto's server (a
 * child process) with the local Lambda service that runs handlers for it, and ElasticMQ (in this
 * JVM). Backends are made of them.
 */
public final class LocalImplementations {

    private static final Lazy<DynamoDbLocal> DYNAMODB = new Lazy<>(DynamoDbLocal::start);
    private static final Lazy<LocalLambdaService> LAMBDA = new Lazy<>(LocalLambdaService::start);
    private static final Lazy<MotoServer> MOTO = new Lazy<>(() -> MotoServer.start(LAMBDA.get()));
    private static final Lazy<ElasticMq> ELASTICMQ = new Lazy<>(ElasticMq::start);

    private LocalImplementations() {
    }

    /** DynamoDB Local for tables and streams (AWS's own implementation), moto for the rest. */
    public static AwsBackend dynamoDbLocalAndMoto() {
        return new Backend("DynamoDB Local + moto", Map.of(
                "AWS_ENDPOINT_URL", MOTO.get().endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", DYNAMODB.get().endpoint().toString()), Optional.empty());
    }

    /** DynamoDB Local, ElasticMQ for queues (real visibility timeouts and redrive), moto for the rest. */
    public static AwsBackend dynamoDbLocalElasticMqAndMoto() {
        return new Backend("DynamoDB Local + ElasticMQ + moto", Map.of(
                "AWS_ENDPOINT_URL", MOTO.get().endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", DYNAMODB.get().endpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", ELASTICMQ.get().endpoint().toString()), Optional.empty());
    }

    /**
     * moto for every service, for tests where Step Functions writes to DynamoDB: moto's state machine
     * engine calls moto's own services, so the table must live there too.
     */
    public static AwsBackend moto() {
        return new Backend("moto", Map.of("AWS_ENDPOINT_URL", MOTO.get().endpoint().toString()), Optional.of(LAMBDA.get()));
    }

    private record Backend(String name, Map<String, String> endpoints, Optional<LocalLambdaService> localLambda)
            implements AwsBackend {

        @Override
        public Map<String, String> environment() {
            Map<String, String> environment = new HashMap<>(endpoints);
            environment.put("AWS_REGION", "us-east-1");
            environment.put("AWS_ACCESS_KEY_ID", "test");
            environment.put("AWS_SECRET_ACCESS_KEY", "test");
            return Map.copyOf(environment);
        }
    }

    /** A server started on first use and stopped with the JVM. */
    private static final class Lazy<T extends AutoCloseable> {

        private final Supplier<T> start;
        private T server;

        Lazy(Supplier<T> start) {
            this.start = start;
        }

        synchronized T get() {
            if (server == null) {
                T started = start.get();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception ignored) {
                        // The JVM is exiting; a server that does not stop cleanly goes with it.
                    }
                }));
                server = started;
            }
            return server;
        }
    }
}
