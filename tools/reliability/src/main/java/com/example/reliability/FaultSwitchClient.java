package com.example.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.example.endtoend.Stack;
import com.fasterxml.jackson.databind.JsonNode;

/** The local run's fault switch, as a drill uses it: ask for a fault, count the calls the faults failed, end them. */
public final class FaultSwitchClient {

    private final URI faults;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FaultSwitchClient(Stack stack) {
        this.faults = stack.localEndpoint()
                .orElseThrow(() -> new IllegalStateException("Faults are injected by the local run's switch; this outputs file"
                        + " describes a deployed stack (run the drills against make run)"))
                .resolve("/_local/faults");
    }

    public void inject(FaultRequest fault) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(faults).POST(HttpRequest.BodyPublishers.ofString(fault.json())));
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("The fault switch refused " + fault.describe() + ": " + answer.body());
        }
    }

    /** How many calls the faults asked for since the last clear have failed. */
    public long failedCalls() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(faults).GET());
        long failed = 0;
        try {
            for (JsonNode fault : Stack.JSON.readTree(answer.body()).path("faults")) {
                failed += fault.path("failedCalls").asLong();
            }
        } catch (IOException e) {
            throw new IllegalStateException("The fault switch answered something else than its listing: " + answer.body(), e);
        }
        return failed;
    }

    public void clear() {
        send(HttpRequest.newBuilder(faults).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("The fault switch at " + faults + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
