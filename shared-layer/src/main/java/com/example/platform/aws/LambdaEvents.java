package com.example.platform.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.example.platform.json.Json;
import com.example.platform.json.MalformedJsonException;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A function's event read from its invocation stream, and its answer written to it, with the one
 * JSON mapper. Every handler is a {@code RequestStreamHandler} for this reason: a typed
 * {@code RequestHandler} makes the Lambda runtime load its own event serialization at init (about
 * 950 classes and their lambda forms, measured in docs/performance.md), a second JSON stack beside
 * ours. The events stay the events library's types.
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    /** The event; a payload that is not JSON of that type is a {@link MalformedJsonException}, as Lambda would refuse it. */
    public static <T> T read(InputStream payload, Class<T> type) {
        try {
            return Json.mapper().readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("the event is not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event", e);
        }
    }

    /** The answer, as Lambda returns it to the caller. */
    public static void write(OutputStream answer, Object value) {
        try {
            Json.mapper().writeValue(answer, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the answer", e);
        }
    }

    /**
     * SnapStart priming of the event's path: reads an empty event of the type and writes the answer to
     * nowhere, so the mapper's (de)serializers for both, nested types included, are in the snapshot.
     */
    public static void prime(Class<?> eventType, Object answer) {
        read(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), eventType);
        write(OutputStream.nullOutputStream(), answer);
    }
}
