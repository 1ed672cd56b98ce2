package com.example.tests.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.invoices.domain.InvoiceId;
import com.example.local.LocalCloud;
import com.example.local.Pause;
import com.example.local.apigateway.LocalApiGateway;
import com.example.local.apigateway.RestApi;
import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.DeployedStack;
import com.example.local.iam.CallerIdentities;
import com.example.local.iam.Principal;
import com.example.local.servers.DeferredHandler;
import com.example.local.servers.HttpServers;
import com.example.local.sqs.SqsEventSourceMapping;
import com.example.local.stack.TemplateDeployment;
import com.example.local.trace.Trace;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.example.tests.local.DevTools;
import com.example.tests.local.InProcessFunction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A service stack deploys on its own against an existing platform, as a team that owns only the
 * invoice service would deploy it: on one local cloud, the root template with {@code Services=separate}
 * (the platform alone: the bus, its archive, the layer, the alarm topic, no service), then
 * invoice-service/template.yaml as a stack of its own, given the platform's outputs as its parameters.
 * An OrderConfirmed put on the platform's bus reaches the invoice stack's own rule and queue, and the
 * invoice is read from its own API. The functions run in this JVM; everything else is the local run's.
 */
class InvoiceStackAloneTest {

    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";
    private static LocalCloud cloud;
    private static HttpServer apiServer;
    private static TemplateDeployment platform;
    private static TemplateDeployment invoices;
    private static List<SqsEventSourceMapping> mappings;

    @BeforeAll
    static void deployThePlatformThenTheInvoiceStackAlone() {
        cloud = LocalCloud.start(new LocalCloud.Settings(0, REGION, ACCOUNT, DevTools.python(),
                ProjectFiles.resolve("tools/local-run/src/main/python/moto_server.py"),
                ProjectFiles.resolve("tests/target/invoice-stack-alone")), Trace.discarding());
        DeferredHandler gateway = new DeferredHandler();
        apiServer = HttpServers.start(0, gateway);
        URI apiEndpoint = URI.create("http://localhost:" + apiServer.getAddress().getPort());
        Path build = ProjectFiles.resolve(".aws-sam/build");
        String name = "alone" + UUID.randomUUID().toString().substring(0, 6);

        platform = new TemplateDeployment(new DeployedStack(CloudFormationTemplate.load(ProjectFiles.resolve("template.yaml")),
                name + "-platform", REGION, ACCOUNT, Map.of("Services", "separate")), cloud, build, InProcessFunction::of,
                Trace.discarding(), 2, apiEndpoint);
        platform.deployAll();

        Map<String, TemplateDeployment.Output> outputs = platform.outputs();
        DeployedStack invoiceStack = new DeployedStack(CloudFormationTemplate.load(ProjectFiles.resolve("invoice-service/template.yaml")),
                name + "-invoices", REGION, ACCOUNT, Map.of(
                        "EventBusName", outputs.get("EventBusName").value(),
                        "EventRedriveRoleArn", outputs.get("EventRedriveRoleArn").value(),
                        "SharedLayerArn", outputs.get("SharedLayerArn").value(),
                        "AlarmTopicArn", outputs.get("AlarmTopicArn").value()));
        invoices = new TemplateDeployment(invoiceStack, cloud, build, InProcessFunction::of, Trace.discarding(), 2, apiEndpoint);
        invoices.deployAll();
        mappings = invoices.eventSourceMappings();
        mappings.forEach(SqsEventSourceMapping::start);
        gateway.serve(new LocalApiGateway(invoices.apiStages().stream().map(stage -> new RestApi(stage, cloud.lambda()::invoke,
                CallerIdentities.only(new Principal("arn:aws:iam::" + ACCOUNT + ":user/tester", "AIDATEST", "AKIATEST")), Trace.discarding(),
                java.util.Optional.empty())).toList()));
    }

    @AfterAll
    static void stop() {
        if (mappings != null) {
            mappings.forEach(SqsEventSourceMapping::close);
        }
        if (apiServer != null) {
            apiServer.stop(0);
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void nothingButThePlatformAndTheInvoiceStackIsDeployed() {
        assertThat(platform.functions()).as("the platform alone runs no function").isEmpty();
        assertThat(platform.stack().nestedStacks()).as("and nests no service").isEmpty();
        assertThat(platform.outputs()).as("its outputs are what a service stack is given").containsKeys("EventBusName",
                "SharedLayerArn", "AlarmTopicArn", "AcceptedCurrenciesParameter").doesNotContainKey("OrdersApiUrl");
        assertThat(invoices.functions()).containsOnlyKeys("IssueInvoiceFunction", "GetInvoiceFunction");
        assertThat(invoices.stack().ref("EventBusName")).isEqualTo(platform.stack().ref("EventBus"));
        assertThat(invoices.stack().refusedParameters()).as("the platform's outputs pass the stack's checks").isEmpty();
    }

    @Test
    void anOrderConfirmedOnThePlatformsBusIsInvoicedAndTheInvoiceIsReadFromTheStacksApi() throws Exception {
        String orderId = UUID.randomUUID().toString();
        JsonNode example = Json.parse(ProjectFiles.read("contracts/events/examples/order-confirmed.json"));
        ObjectNode detail = (ObjectNode) example.get("detail").deepCopy();
        ((ObjectNode) detail.get("data")).put("orderId", orderId);
        ((ObjectNode) detail.get("metadata")).put("eventId", orderId + ":confirmed");
        ArrayNode entries = (ArrayNode) Json.parse("[]");
        entries.addObject().put("EventBusName", platform.stack().ref("EventBus")).put("Source", example.get("source").asText())
                .put("DetailType", example.get("detail-type").asText()).put("Detail", Json.write(detail));

        JsonNode put = cloud.eventBridge().putEvents(entries);
        assertThat(put.path("FailedEntryCount").asInt()).as(put.toString()).isZero();

        URI invoice = URI.create(invoices.outputs().get("ApiUrl").value() + "/invoices/" + InvoiceId.forOrder(orderId).value());
        // The rule, the queue and the batch window stand between the event and the invoice.
        HttpClient http = HttpClient.newHttpClient();
        AtomicReference<HttpResponse<String>> read = new AtomicReference<>();
        Pause.until(() -> {
            try {
                read.set(http.send(HttpRequest.newBuilder(invoice).GET().build(), HttpResponse.BodyHandlers.ofString()));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("GET " + invoice, e);
            }
            return read.get().statusCode() != 404;
        }, Duration.ofSeconds(30), Duration.ofMillis(250));
        assertThat(read.get().statusCode()).as(read.get().body()).isEqualTo(200);
        JsonNode body = Json.parse(read.get().body());
        assertThat(body.path("orderId").asText()).isEqualTo(orderId);
        assertThat(body.path("gross").path("amount").asText()).as("47.30 net, 20% EUR tax").isEqualTo("56.76");
        assertThat(body.path("signature").asText()).isNotBlank();
    }
}
