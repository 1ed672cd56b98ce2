package com.example.platform.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersionDetector;

/**
 * A JSON Schema from the repository's {@code contracts/}, compiled once and used to validate
 * documents at run time. The same file backs API Gateway's request model, so a request is held
 * to one definition whichever entry point it arrives through.
 */
public final class JsonContract {

    private final String name;
    private final JsonSchema schema;

    private JsonContract(String name, JsonSchema schema) {
        this.name = name;
        this.schema = schema;
    }

    /** Loads a schema from the classpath; a missing or unreadable schema is a packaging error. */
    public static JsonContract fromClasspath(String resource) {
        try (InputStream in = JsonContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No contract on the classpath at " + resource);
            }
            return of(resource, Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read contract " + resource, e);
        }
    }

    public static JsonContract of(String name, JsonNode schemaDocument) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .formatAssertionsEnabled(true)
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schemaDocument));
        return new JsonContract(name, factory.getSchema(schemaDocument, config));
    }

    /** Every way the document breaks the contract, ordered by location; empty when it conforms. */
    public List<Violation> violations(JsonNode document) {
        return schema.validate(document).stream()
                .map(message -> new Violation(pointer(message.getInstanceLocation().toString(), message.getProperty()),
                        message.getError()))
                .sorted(Comparator.comparing(Violation::location).thenComparing(Violation::detail))
                .toList();
    }

    public String name() {
        return name;
    }

    /** Missing and unexpected members are reported on their parent; point at the member itself. */
    private static String pointer(String instanceLocation, String property) {
        String parent = instanceLocation.isEmpty() ? "" : instanceLocation;
        return property == null ? (parent.isEmpty() ? "/" : parent) : parent + "/" + property;
    }
}
