package com.example.local.apigateway;

import java.io.IOException;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Every REST API of the application behind one local address, as {@code sam local start-api} serves
 * them: a request goes to the API one of whose resources its path is (each API keeps its own stage,
 * throttle, models, gateway responses and access log). A path no API has is answered by the first,
 * with its gateway response for a missing route. Deployed, each API has an address of its own; the
 * outputs give each one's URL, so callers never rely on the APIs sharing one.
 */
public final class LocalApiGateway implements HttpHandler, AutoCloseable {

    private final List<RestApi> apis;

    public LocalApiGateway(List<RestApi> apis) {
        if (apis.isEmpty()) {
            throw new IllegalArgumentException("The application has no REST API to serve");
        }
        this.apis = List.copyOf(apis);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        apis.stream().filter(api -> api.serves(path)).findFirst().orElse(apis.getFirst()).handle(exchange);
    }

    @Override
    public void close() {
        apis.forEach(RestApi::close);
    }
}
