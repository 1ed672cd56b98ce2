package com.example.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.example.endtoend.Stack;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Every order placement of one run, decided before it starts so the reconciler knows what was
 * meant: the mix of kinds in fixed shares, replays and reused keys repeating requests of the first
 * part of the run (so their originals are usually answered first), the order shuffled with a seed.
 *
 * @param runId    names everything the run creates (customer ids, keys, partner files)
 * @param requests in the order they are sent
 */
public record LoadPlan(String runId, List<PlannedRequest> requests) {

    /** Shares of the mix, in percent: standard takes the rest. */
    static final int REVIEW_PERCENT = 8;
    static final int OVER_LIMIT_PERCENT = 7;
    static final int REPLAY_PERCENT = 10;
    static final int KEY_REUSED_PERCENT = 5;
    static final int INVALID_PERCENT = 10;

    public LoadPlan {
        requests = List.copyOf(requests);
    }

    /** A plan of {@code count} requests (at least 20, so every kind is in it). */
    public static LoadPlan generate(String runId, int count, long seed) {
        if (count < 20) {
            throw new IllegalArgumentException("A load needs at least 20 requests to hold every kind of request, not " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int repeats = count * (REPLAY_PERCENT + KEY_REUSED_PERCENT) / 100;
        int firstPart = count - repeats;
        List<RequestKind> kinds = new ArrayList<>();
        add(kinds, RequestKind.REVIEW, firstPart * REVIEW_PERCENT / (100 - REPLAY_PERCENT - KEY_REUSED_PERCENT));
        add(kinds, RequestKind.OVER_LIMIT, firstPart * OVER_LIMIT_PERCENT / (100 - REPLAY_PERCENT - KEY_REUSED_PERCENT));
        add(kinds, RequestKind.INVALID, firstPart * INVALID_PERCENT / (100 - REPLAY_PERCENT - KEY_REUSED_PERCENT));
        add(kinds, RequestKind.STANDARD, firstPart - kinds.size());
        shuffle(kinds, random);

        List<PlannedRequest> requests = new ArrayList<>();
        for (RequestKind kind : kinds) {
            requests.add(original(runId, requests.size(), kind, random));
        }
        // Repeats come after the whole first part and repeat a standard request of its first half.
        List<PlannedRequest> repeatable = requests.subList(0, firstPart / 2).stream()
                .filter(request -> request.kind() == RequestKind.STANDARD).toList();
        int replays = count * REPLAY_PERCENT / 100;
        for (int i = 0; i < repeats; i++) {
            PlannedRequest repeated = repeatable.get(random.nextInt(repeatable.size()));
            requests.add(i < replays
                    ? new PlannedRequest(requests.size(), RequestKind.REPLAY, repeated.idempotencyKey(), repeated.customerId(),
                    repeated.body(), repeated.sequence())
                    : new PlannedRequest(requests.size(), RequestKind.KEY_REUSED, repeated.idempotencyKey(), repeated.customerId(),
                    order(repeated.customerId(), 7, "9.99"), repeated.sequence()));
        }
        return new LoadPlan(runId, requests);
    }

    private static PlannedRequest original(String runId, int sequence, RequestKind kind, SplittableRandom random) {
        String customer = "load-" + runId + "-c" + sequence;
        String key = "load-" + runId + "-k" + sequence;
        String body = switch (kind) {
            case STANDARD -> order(customer, 1 + random.nextInt(3), String.format(Locale.ROOT, "%d.%02d",
                    5 + random.nextInt(195), random.nextInt(100)));
            case REVIEW -> order(customer, 1, "1500.00");
            case OVER_LIMIT -> order(customer, 2, "15000.00");
            case INVALID -> "{\"customerId\":\"" + customer + "\",\"currency\":\"euro\",\"lines\":[]}";
            case REPLAY, KEY_REUSED -> throw new IllegalArgumentException(kind + " repeats another request");
        };
        return new PlannedRequest(sequence, kind, key, customer, body, -1);
    }

    static String order(String customer, int quantity, String unitPrice) {
        return "{\"customerId\":\"" + customer + "\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"LOAD-BOOK\",\"quantity\":"
                + quantity + ",\"unitPrice\":\"" + unitPrice + "\"}]}";
    }

    private static void add(List<RequestKind> kinds, RequestKind kind, int count) {
        for (int i = 0; i < count; i++) {
            kinds.add(kind);
        }
    }

    private static void shuffle(List<RequestKind> kinds, SplittableRandom random) {
        for (int i = kinds.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            kinds.set(j, kinds.set(i, kinds.get(j)));
        }
    }

    /** The requests of a kind. */
    public List<PlannedRequest> of(RequestKind kind) {
        return requests.stream().filter(request -> request.kind() == kind).toList();
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Stack.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the plan " + file, e);
        }
    }

    public static LoadPlan read(Path file) {
        try {
            return Stack.JSON.readValue(file.toFile(), LoadPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the plan " + file, e);
        }
    }
}
