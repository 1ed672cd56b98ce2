package com.example.local.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * A handler for a server that must listen before what answers on it exists (its address is needed
 * to build that): 503 "starting" until {@link #serve} hands it the real handler.
 */
public final class DeferredHandler implements HttpHandler {

    private volatile HttpHandler target;

    public void serve(HttpHandler handler) {
        this.target = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpHandler handler = target;
        if (handler == null) {
            HttpServers.answer(exchange, 503, Map.of(), "starting".getBytes(StandardCharsets.UTF_8));
            return;
        }
        handler.handle(exchange);
    }
}
