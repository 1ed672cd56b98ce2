package com.example.local.servers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP servers of the local run: loopback only, a virtual thread per exchange (handlers block on
 * long polls and invocations), and Nagle's algorithm off, or every small answer to a runtime client
 * waits for the peer's delayed ACK (about 40 ms).
 */
public final class HttpServers {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private HttpServers() {
    }

    /** A server on a loopback port ({@code 0}: any free one), started. */
    public static HttpServer start(int port, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            server.createContext("/", handler);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port
                    + (port == 0 ? "" : " (is it in use? choose another port)"), e);
        }
    }

    /** Answers with a body of known length, or none. */
    public static void answer(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
