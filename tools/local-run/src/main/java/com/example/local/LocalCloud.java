package com.example.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.example.local.edge.AwsEndpoint;
import com.example.local.eventbridge.LocalEventBridge;
import com.example.local.eventbridge.ServiceTargets;
import com.example.local.faults.FaultInjection;
import com.example.local.lambda.LambdaService;
import com.example.local.s3.BucketNotifications;
import com.example.local.servers.DeferredHandler;
import com.example.local.servers.ElasticMq;
import com.example.local.servers.HttpServers;
import com.example.local.servers.MotoServer;
import com.example.local.sqs.Queues;
import com.example.local.stack.LayerVersions;
import com.example.local.trace.Trace;
import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS services of one machine, running and sharing one state: moto (DynamoDB and its streams,
 * S3, Parameter Store, Secrets Manager, STS, Step Functions, whose integrations call back into the
 * others), ElasticMQ (queues), and the local run's own EventBridge and Lambda service, all behind
 * one endpoint. Every part is open source (docs/local-run.md says which licence). An X-Ray daemon
 * address takes the functions' trace segments.
 */
public final class LocalCloud implements AutoCloseable {

    /** Where the cloud listens and how it is identified. */
    public record Settings(int endpointPort, String region, String accountId, Path python, Path motoLauncher, Path logDirectory) {
    }

    private final Settings settings;
    private final Trace trace;
    private final AwsClientFactory clients;
    private final ElasticMq elasticMq;
    private final HttpServer endpointServer;
    private final MotoServer moto;
    private final LambdaService lambda;
    private final LocalEventBridge eventBridge;
    private final BucketNotifications notifications;
    private final Queues queues;
    private final DatagramSocket xrayDaemon;
    private final AtomicLong traceSegments = new AtomicLong();
    private final FaultInjection faults = FaultInjection.switchedOff();
    private final LayerVersions layers = new LayerVersions();

    private LocalCloud(Settings settings, Trace trace) {
        this.settings = settings;
        this.trace = trace;
        this.clients = new AwsClientFactory(settings.region());
        this.elasticMq = ElasticMq.start(settings.region(), settings.accountId());
        this.queues = new Queues(clients.client(SqsClient.builder(), elasticMq.endpoint()));
        this.lambda = new LambdaService(trace, queues::send);
        DeferredHandler endpoint = new DeferredHandler();
        this.endpointServer = HttpServers.start(settings.endpointPort(), endpoint);
        URI endpointUri = URI.create("http://127.0.0.1:" + endpointServer.getAddress().getPort());
        this.moto = MotoServer.start(settings.python(), settings.motoLauncher(), settings.logDirectory(), settings.accountId(),
                integrationEndpoints(endpointUri));
        // A rule may target another bus, so EventBridge's targets include EventBridge itself.
        this.eventBridge = new LocalEventBridge(settings.region(), settings.accountId(),
                new ServiceTargets(queues, clients.client(SfnClient.builder(), moto.endpoint()), lambda, this::eventBridge,
                        settings.logDirectory()), trace, faults);
        this.notifications = new BucketNotifications(eventBridge::putEvents, trace, settings.accountId());
        endpoint.serve(new AwsEndpoint(Map.of(
                "dynamodb", new AwsEndpoint.Backend.Remote(moto.endpoint()),
                "sqs", new AwsEndpoint.Backend.Remote(elasticMq.endpoint()),
                "events", new AwsEndpoint.Backend.InProcess(eventBridge),
                "lambda", new AwsEndpoint.Backend.InProcess(lambda)),
                new AwsEndpoint.Backend.Remote(moto.endpoint()), moto.endpoint(), clients.s3(moto.endpoint()), notifications, faults));
        this.xrayDaemon = startXrayDaemon();
    }

    public static LocalCloud start(Settings settings, Trace trace) {
        return new LocalCloud(settings, trace);
    }

    /**
     * A workflow's integrations reach the same services as the functions do: through the one endpoint,
     * signed with one key for every workflow (moto cannot sign as each state machine's role), which
     * the local EventBridge attributes to the workflows' roles ({@link #STEP_FUNCTIONS_ACCESS_KEY}).
     */
    private static Map<String, String> integrationEndpoints(URI endpoint) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String service : new String[] {"DYNAMODB", "EVENTBRIDGE", "LAMBDA", "SQS"}) {
            endpoints.put("AWS_ENDPOINT_URL_" + service, endpoint.toString());
        }
        endpoints.put("AWS_ACCESS_KEY_ID", STEP_FUNCTIONS_ACCESS_KEY);
        endpoints.put("AWS_SECRET_ACCESS_KEY", "local-step-functions");
        return endpoints;
    }

    /** The key the local Step Functions engine signs every workflow's integration calls with. */
    public static final String STEP_FUNCTIONS_ACCESS_KEY = "AKIALOCALSTEPFUNCTIONS";

    /** STS (moto), as a client: it issues the functions' role sessions. */
    public StsClient sts() {
        return clients.client(StsClient.builder(), moto.endpoint());
    }

    /** The single endpoint of every AWS API here. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + endpointServer.getAddress().getPort());
    }

    /** STS, which knows the role sessions it issued (moto). */
    public URI securityTokenService() {
        return moto.endpoint();
    }

    public String region() {
        return settings.region();
    }

    public String accountId() {
        return settings.accountId();
    }

    public Trace trace() {
        return trace;
    }

    /** The fault switch: inert until a drill asks for a fault ({@link com.example.local.faults.FaultSwitch}). */
    public FaultInjection faults() {
        return faults;
    }

    public LambdaService lambda() {
        return lambda;
    }

    /** The layer versions published in this account, whichever stack published them. */
    public LayerVersions layers() {
        return layers;
    }

    public LocalEventBridge eventBridge() {
        return eventBridge;
    }

    public BucketNotifications notifications() {
        return notifications;
    }

    public Queues queues() {
        return queues;
    }

    public AwsClientFactory clientFactory() {
        return clients;
    }

    public DynamoDbClient dynamoDb() {
        return clients.client(DynamoDbClient.builder(), endpoint());
    }

    public DynamoDbStreamsClient dynamoDbStreams() {
        return clients.client(DynamoDbStreamsClient.builder(), endpoint());
    }

    public SqsClient sqs() {
        return clients.client(SqsClient.builder(), endpoint());
    }

    public SfnClient stepFunctions() {
        return clients.client(SfnClient.builder(), endpoint());
    }

    public SsmClient ssm() {
        return clients.client(SsmClient.builder(), endpoint());
    }

    public SecretsManagerClient secretsManager() {
        return clients.client(SecretsManagerClient.builder(), endpoint());
    }

    public S3Client s3() {
        return clients.s3(endpoint());
    }

    /** Which implementation answers for which service, for the start banner and the docs. */
    public Map<String, String> implementations() {
        Map<String, String> implementations = new LinkedHashMap<>();
        implementations.put("DynamoDB and DynamoDB Streams", "moto " + moto.endpoint());
        implementations.put("SQS", "ElasticMQ (in this JVM) " + elasticMq.endpoint());
        implementations.put("EventBridge", "the local run, rules matched by Event Ruler");
        implementations.put("Lambda", "the local run, each function in its own JVM under the runtime interface client");
        implementations.put("S3, Parameter Store, Secrets Manager, Step Functions", "moto " + moto.endpoint()
                + " (log " + moto.log() + ")");
        return implementations;
    }

    /** What Lambda sets in every function's environment, pointed at this cloud. */
    public Map<String, String> lambdaEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", settings.region());
        environment.put("AWS_DEFAULT_REGION", settings.region());
        environment.put("AWS_ACCESS_KEY_ID", AwsClientFactory.ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", AwsClientFactory.SECRET_ACCESS_KEY);
        environment.put("AWS_SESSION_TOKEN", "local-session");
        environment.put("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:" + xrayDaemon.getLocalPort());
        environment.put("_AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1");
        environment.put("_AWS_XRAY_DAEMON_PORT", Integer.toString(xrayDaemon.getLocalPort()));
        environment.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        environment.put("TZ", ":UTC");
        environment.put("LANG", "en_US.UTF-8");
        // The one difference from a deployed function: its SDK calls reach this cloud, not AWS.
        environment.put("AWS_ENDPOINT_URL", endpoint().toString());
        return environment;
    }

    /** Trace segments the functions sent to the X-Ray daemon address (received and counted, not kept). */
    public long traceSegments() {
        return traceSegments.get();
    }

    private DatagramSocket startXrayDaemon() {
        try {
            DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().name("xray-daemon").start(() -> {
                byte[] buffer = new byte[64 * 1024];
                while (!socket.isClosed()) {
                    try {
                        socket.receive(new DatagramPacket(buffer, buffer.length));
                        traceSegments.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        lambda.close();
        eventBridge.close();
        endpointServer.stop(0);
        xrayDaemon.close();
        moto.close();
        elasticMq.close();
    }
}
