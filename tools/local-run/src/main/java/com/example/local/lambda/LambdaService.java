package com.example.local.lambda;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.local.Json;
import com.example.local.servers.HttpServers;
import com.example.local.trace.Trace;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The Lambda service: functions by name or ARN (with the qualifiers they were published under),
 * synchronous and asynchronous invocation with Lambda's payload limits, reserved concurrency
 * enforced by throttling, and the Invoke API over HTTP for the workflows and the AWS CLI. What runs
 * a function's code is its {@link FunctionRuntime}.
 */
public final class LambdaService implements HttpHandler, AutoCloseable {

    /** Lambda's limits on the request payload: 6 MB synchronous, 256 KB asynchronous. */
    public static final int SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
    public static final int ASYNC_PAYLOAD_LIMIT = 256 * 1024;

    private final Trace trace;
    private final Destinations destinations;
    private final Map<String, Registered> functions = new ConcurrentHashMap<>();

    public LambdaService(Trace trace, Destinations destinations) {
        this.trace = trace;
        this.destinations = destinations;
    }

    private record Registered(FunctionConfiguration configuration, FunctionRuntime runtime,
                              Optional<Semaphore> reserved, AsyncInvocations async,
                              AtomicInteger throttleNext, AtomicInteger invocations) {
    }

    /**
     * Registers a deployed function. Asynchronous invocations are worked off by as many workers as
     * {@code concurrency} allows.
     */
    public void register(FunctionConfiguration configuration, FunctionRuntime runtime, int concurrency) {
        Optional<Semaphore> reserved = configuration.reservedConcurrency().stream().mapToObj(Semaphore::new).findFirst();
        AsyncInvocations async = new AsyncInvocations(configuration, this::invoke, destinations, trace,
                configuration.reservedConcurrency().orElse(concurrency));
        functions.put(configuration.name(), new Registered(configuration, runtime, reserved, async,
                new AtomicInteger(), new AtomicInteger()));
    }

    public Optional<FunctionConfiguration> configuration(String reference) {
        return find(FunctionReference.parse(reference, Optional.empty())).map(Registered::configuration);
    }

    /** A synchronous ({@code RequestResponse}) invocation. */
    public InvokeOutcome invoke(String reference, byte[] payload) {
        return invoke(FunctionReference.parse(reference, Optional.empty()), payload, traceHeader());
    }

    /** An asynchronous ({@code Event}) invocation: queued, retried on failure, then its destination. */
    public InvokeOutcome invokeAsync(String reference, byte[] payload) {
        FunctionReference function = FunctionReference.parse(reference, Optional.empty());
        Optional<Registered> registered = find(function);
        if (registered.isEmpty()) {
            return InvokeOutcome.Refused.notFound(reference);
        }
        if (payload.length > ASYNC_PAYLOAD_LIMIT) {
            return InvokeOutcome.Refused.tooLarge(payload.length, ASYNC_PAYLOAD_LIMIT);
        }
        registered.get().async().enqueue(arn(registered.get(), function), payload);
        return new InvokeOutcome.Queued();
    }

    /** The next {@code times} invocations of the function are refused with 429, as under a throttle. */
    public void throttleNext(String reference, int times) {
        find(FunctionReference.parse(reference, Optional.empty())).orElseThrow().throttleNext().set(times);
    }

    /** Invocations that reached the function's code (throttled ones did not). */
    public int invocations(String reference) {
        return find(FunctionReference.parse(reference, Optional.empty())).map(registered -> registered.invocations().get())
                .orElse(0);
    }

    private InvokeOutcome invoke(FunctionReference function, byte[] payload, String traceHeader) {
        Optional<Registered> found = find(function);
        if (found.isEmpty()) {
            return InvokeOutcome.Refused.notFound(function.name() + function.qualifier().map(q -> ":" + q).orElse(""));
        }
        Registered registered = found.get();
        if (payload.length > SYNC_PAYLOAD_LIMIT) {
            return InvokeOutcome.Refused.tooLarge(payload.length, SYNC_PAYLOAD_LIMIT);
        }
        if (registered.throttleNext().getAndUpdate(left -> Math.max(0, left - 1)) > 0
                || !registered.reserved().map(Semaphore::tryAcquire).orElse(true)) {
            trace.print(Trace.Source.LAMBDA, registered.configuration().logicalId() + " throttled (429)");
            return InvokeOutcome.Refused.throttled();
        }
        try {
            registered.invocations().incrementAndGet();
            FunctionConfiguration configuration = registered.configuration();
            Invocation invocation = Invocation.of(payload, configuration.timeout(),
                    arn(registered, function), traceHeader);
            InvocationResult result = registered.runtime().invoke(invocation);
            trace.print(Trace.Source.LAMBDA, configuration.logicalId() + " " + result.report().line()
                    + (result instanceof InvocationResult.Failed failed ? "\t" + failed.errorType() : ""));
            return new InvokeOutcome.Completed(result, "$LATEST");
        } finally {
            registered.reserved().ifPresent(Semaphore::release);
        }
    }

    private Optional<Registered> find(FunctionReference function) {
        Registered registered = functions.get(function.name());
        if (registered == null || function.qualifier().filter(q -> !registered.configuration().qualifiers().contains(q)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(registered);
    }

    private static String arn(Registered registered, FunctionReference function) {
        return registered.configuration().arn() + function.qualifier().map(qualifier -> ":" + qualifier).orElse("");
    }

    /** A new X-Ray trace header, sampled, as Lambda gives an invocation without one. */
    public static String traceHeader() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-"
                + HexFormat.of().formatHex(randomBytes(random, 12)) + ";Parent="
                + HexFormat.of().formatHex(randomBytes(random, 8)) + ";Sampled=1";
    }

    private static byte[] randomBytes(ThreadLocalRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The Invoke API: {@code POST /2015-03-31/functions/{name}/invocations}. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String prefix = "/2015-03-31/functions/";
        byte[] body = exchange.getRequestBody().readAllBytes();
        // Lambda names every answer, errors included; SDKs and Step Functions read it from the error.
        exchange.getResponseHeaders().set("X-Amzn-RequestId", UUID.randomUUID().toString());
        if (!exchange.getRequestMethod().equals("POST") || !path.startsWith(prefix) || !path.endsWith("/invocations")) {
            error(exchange, 400, "InvalidRequestContentException", "The local Lambda service answers Invoke only, not "
                    + exchange.getRequestMethod() + " " + path);
            return;
        }
        String reference = URLDecoder.decode(path.substring(prefix.length(), path.length() - "/invocations".length()),
                StandardCharsets.UTF_8);
        FunctionReference function = FunctionReference.parse(reference, query(exchange.getRequestURI(), "Qualifier"));
        String invocationType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
                .orElse("RequestResponse");
        InvokeOutcome outcome = switch (invocationType) {
            case "Event" -> invokeAsync(function.name() + function.qualifier().map(q -> ":" + q).orElse(""), body);
            case "DryRun" -> find(function).<InvokeOutcome>map(found -> new InvokeOutcome.Queued())
                    .orElse(InvokeOutcome.Refused.notFound(reference));
            default -> invoke(function, body, Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id"))
                    .orElseGet(LambdaService::traceHeader));
        };
        boolean tail = "Tail".equals(exchange.getRequestHeaders().getFirst("X-Amz-Log-Type"));
        switch (outcome) {
            case InvokeOutcome.Queued queued -> HttpServers.answer(exchange, invocationType.equals("DryRun") ? 204 : 202,
                    Map.of(), new byte[0]);
            case InvokeOutcome.Refused refused -> error(exchange, refused.status(), refused.errorType(), refused.message());
            case InvokeOutcome.Completed completed -> {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                headers.put("X-Amz-Executed-Version", completed.executedVersion());
                if (completed.result() instanceof InvocationResult.Failed) {
                    headers.put("X-Amz-Function-Error", "Unhandled");
                }
                if (tail) {
                    headers.put("X-Amz-Log-Result", Base64.getEncoder().encodeToString(
                            completed.result().logTail().getBytes(StandardCharsets.UTF_8)));
                }
                byte[] payload = switch (completed.result()) {
                    case InvocationResult.Answered answered -> answered.payload();
                    case InvocationResult.Failed failed -> failed.payload();
                };
                HttpServers.answer(exchange, 200, headers, payload);
            }
        }
    }

    private static Optional<String> query(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name) && parts.length == 2) {
                return Optional.of(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        HttpServers.answer(exchange, status, Map.of("Content-Type", "application/json", "X-Amzn-ErrorType", type),
                Json.write(Json.object().put("Type", "User").put("Message", message)).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits for the asynchronous queues to empty (used when the run stops). */
    public void drainAsync(Duration limit) {
        functions.values().forEach(registered -> registered.async().awaitEmpty(limit));
    }

    @Override
    public void close() {
        functions.values().forEach(registered -> {
            registered.async().close();
            registered.runtime().close();
        });
    }

    /** Where Lambda sends the record of an asynchronous invocation that failed for good. */
    @FunctionalInterface
    public interface Destinations {
        void send(String destinationArn, String record);
    }

    /** How an asynchronous worker invokes: through the service, with its throttles and limits. */
    @FunctionalInterface
    interface Invoker {
        InvokeOutcome invoke(FunctionReference function, byte[] payload, String traceHeader);
    }
}
