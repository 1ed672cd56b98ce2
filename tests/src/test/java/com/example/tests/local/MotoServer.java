package com.example.tests.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * moto's server in a child process on a loopback port, for the services DynamoDB Local does not
 * cover (Parameter Store).
 */
public final class MotoServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static MotoServer start() {
        int port = FreePort.pick();
        Path log = Path.of("target", "moto-server-" + port + ".log").toAbsolutePath();
        try {
            Process process = new ProcessBuilder(DevTools.executable("moto_server").toString(),
                    "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer server = new MotoServer(process, port);
            FreePort.awaitListening(port, Duration.ofSeconds(60), "moto_server (log: " + log + ")");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("moto_server did not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
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
