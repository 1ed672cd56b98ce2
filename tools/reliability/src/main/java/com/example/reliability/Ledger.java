package com.example.reliability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.example.endtoend.Stack;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Every request the load sent and its answer, one JSON line each: written by the simulation, read by the reconciler. */
public final class Ledger {

    private final ConcurrentLinkedQueue<SentRequest> sent = new ConcurrentLinkedQueue<>();

    public void record(SentRequest request) {
        sent.add(request);
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                for (SentRequest request : sorted(new ArrayList<>(sent))) {
                    out.write(toJson(request));
                    out.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the ledger " + file, e);
        }
    }

    public static List<SentRequest> read(Path file) {
        try {
            List<SentRequest> requests = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    requests.add(fromJson(Stack.JSON.readTree(line)));
                }
            }
            return sorted(requests);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The ledger " + file + " holds a line that is not a sent request: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ledger " + file, e);
        }
    }

    /** The answers by the sequence of their planned request. */
    public static java.util.Map<Integer, SentRequest> bySequence(List<SentRequest> ledger) {
        return ledger.stream().collect(java.util.stream.Collectors.toMap(SentRequest::sequence, sent -> sent));
    }

    static String toJson(SentRequest request) throws JsonProcessingException {
        var node = Stack.JSON.createObjectNode().put("sequence", request.sequence()).put("sentAtMs", request.sentAtMs())
                .put("latencyMs", request.latencyMs()).put("attempts", request.attempts()).put("status", request.status())
                .put("replayed", request.replayed());
        request.orderId().ifPresent(id -> node.put("orderId", id));
        return Stack.JSON.writeValueAsString(node);
    }

    static SentRequest fromJson(JsonNode node) {
        if (!node.has("sequence") || !node.has("status")) {
            throw new IllegalStateException("A ledger line needs a sequence and a status: " + node);
        }
        return new SentRequest(node.get("sequence").asInt(), node.path("sentAtMs").asLong(), node.path("latencyMs").asLong(),
                node.path("attempts").asInt(), node.get("status").asInt(),
                node.hasNonNull("orderId") ? java.util.Optional.of(node.get("orderId").asText()) : java.util.Optional.empty(),
                node.path("replayed").asBoolean());
    }

    private static List<SentRequest> sorted(List<SentRequest> requests) {
        requests.sort(Comparator.comparingInt(SentRequest::sequence));
        return requests;
    }
}
