package com.example.tests.local;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.example.local.lambda.LambdaService;
import com.example.local.servers.ElasticMq;
import com.example.local.servers.HttpServers;
import com.example.local.servers.MotoServer;
import com.example.local.trace.Trace;
import com.example.tests.ProjectFiles;
import com.sun.net.httpserver.HttpServer;

/**
 * The local implementations the integration tests run against, the same ones {@code make run}
 * uses (tools/local-run), each started the first time a test needs it and stopped when the test JVM
 * exits: moto's server (a child process; DynamoDB and its streams among its services), ElasticMQ (in this JVM) and
 * the local run's Lambda service, whose functions run in this JVM (see {@link InProcessFunction})
 * and which moto's workflows invoke. Backends are made of them.
 */
public final class LocalImplementations {

    /** The account every local implementation names in its ARNs, as the template's AWS::AccountId resolves. */
    public static final String ACCOUNT_ID = "000000000000";
    public static final String REGION = "us-east-1";

    private static final Lazy<LocalLambda> LAMBDA = new Lazy<>(LocalLambda::start);
    // A workflow's Lambda tasks go to the Lambda service; its DynamoDB and EventBridge tasks stay in moto.
    private static final Lazy<MotoServer> MOTO = new Lazy<>(() -> MotoServer.start(DevTools.python(),
            ProjectFiles.resolve("tools/local-run/src/main/python/moto_server.py"), ProjectFiles.resolve("tests/target"),
            ACCOUNT_ID, Map.of("AWS_ENDPOINT_URL_LAMBDA", LAMBDA.get().endpoint().toString())));
    private static final Lazy<ElasticMq> ELASTICMQ = new Lazy<>(() -> ElasticMq.start(REGION, ACCOUNT_ID));

    private LocalImplementations() {
    }

    /** ElasticMQ for queues (real visibility timeouts and redrive), moto for the rest, DynamoDB included. */
    public static AwsBackend elasticMqAndMoto() {
        return new Backend("ElasticMQ + moto", Map.of(
                "AWS_ENDPOINT_URL", MOTO.get().endpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", ELASTICMQ.get().endpoint().toString()), Optional.empty());
    }

    /** moto for every service, DynamoDB and its streams included; its workflows' Lambda tasks reach the local Lambda service. */
    public static AwsBackend moto() {
        return new Backend("moto", Map.of("AWS_ENDPOINT_URL", MOTO.get().endpoint().toString()), Optional.of(LAMBDA.get().service()));
    }

    private record Backend(String name, Map<String, String> endpoints, Optional<LambdaService> localLambda)
            implements AwsBackend {

        @Override
        public Map<String, String> environment() {
            Map<String, String> environment = new HashMap<>(endpoints);
            environment.put("AWS_REGION", REGION);
            environment.put("AWS_ACCESS_KEY_ID", "test");
            environment.put("AWS_SECRET_ACCESS_KEY", "test");
            return Map.copyOf(environment);
        }
    }

    /** The local run's Lambda service with its Invoke API on a loopback port; tests register no asynchronous destinations. */
    private record LocalLambda(LambdaService service, HttpServer server) implements AutoCloseable {

        static LocalLambda start() {
            LambdaService service = new LambdaService(Trace.discarding(), (destination, record) -> {
                throw new IllegalStateException("No test sends asynchronous invocations to a destination (" + destination + ")");
            });
            return new LocalLambda(service, HttpServers.start(0, service));
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
            service.close();
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
