package com.example.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * moto's server in a child process on a loopback port, started through {@code moto_server.py}:
 * it executes Step Functions definitions, and a workflow's service integrations call the endpoints
 * given in {@code integrationEndpoints} (AWS_ENDPOINT_URL_DYNAMODB and the like), so a workflow
 * writes to the same table and bus as the functions. The server stops when this JVM does.
 */
public final class MotoServer implements AutoCloseable {

    private static final String CONFIGURATION = "{\"stepfunctions\": {\"execute_state_machine\": true}}";

    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param python               the Python that has moto installed
     * @param launcher             {@code tools/local-run/src/main/python/moto_server.py}
     * @param logDirectory         where moto's own log goes
     * @param integrationEndpoints where a workflow's integrations go, as AWS_ENDPOINT_URL_* variables
     */
    public static MotoServer start(Path python, Path launcher, Path logDirectory, String accountId,
                                   Map<String, String> integrationEndpoints) {
        int port = FreePort.pick();
        Path log = logDirectory.resolve("moto-server-" + port + ".log");
        try {
            Files.createDirectories(logDirectory);
            ProcessBuilder builder = new ProcessBuilder(python.toString(), launcher.toString(),
                    "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("MOTO_PORT", Integer.toString(port));
            builder.environment().put("MOTO_ACCOUNT_ID", accountId);
            builder.environment().putAll(integrationEndpoints);
            MotoServer server = new MotoServer(builder.start(), port, log);
            FreePort.awaitListening(port, Duration.ofSeconds(60), "moto (log: " + log + ")");
            server.configure();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("moto did not start (log: " + log + ")", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
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
