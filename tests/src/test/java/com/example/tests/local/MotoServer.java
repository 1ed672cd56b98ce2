package com.example.tests.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.example.tests.ProjectFiles;

/**
 * moto's server in a child process on a loopback port, started through
 * {@code moto_server_with_local_lambda.py} so that Lambda invocations (from Step Functions) run the
 * real handlers in this JVM, and configured to execute Step Functions definitions.
 */
public final class MotoServer implements AutoCloseable {

    private static final String CONFIGURATION =
            "{\"lambda\": {\"use_docker\": false}, \"stepfunctions\": {\"execute_state_machine\": true}}";

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static MotoServer start(LocalLambdaService lambdaService) {
        int port = FreePort.pick();
        // Under the tests module's target whatever the working directory (surefire: tests/, exec:java: the root).
        Path log = ProjectFiles.resolve("tests/target/moto-server-" + port + ".log");
        Path launcher = ProjectFiles.resolve("tests/src/test/python/moto_server_with_local_lambda.py");
        try {
            ProcessBuilder builder = new ProcessBuilder(DevTools.python().toString(), launcher.toString(),
                    "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("LAMBDA_SERVICE_URL", lambdaService.endpoint().toString());
            MotoServer server = new MotoServer(builder.start(), port);
            FreePort.awaitListening(port, Duration.ofSeconds(60), "moto (log: " + log + ")");
            server.configure();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("moto did not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void configure() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/config"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CONFIGURATION))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto refused its configuration: " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
