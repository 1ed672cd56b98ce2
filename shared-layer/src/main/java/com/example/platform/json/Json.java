package com.example.platform.json;

import java.util.List;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of every function. Decimals stay {@link java.math.BigDecimal} (money is exact),
 * instants are ISO-8601 strings, and unknown properties are tolerated so consumers survive
 * additive contract changes. It also reads the Lambda events the functions receive
 * ({@link com.example.platform.aws.LambdaEvents}).
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .addMixIn(SQSEvent.class, SqsEventNames.class)
            .addMixIn(SQSEvent.SQSMessage.class, SqsMessageNames.class)
            .build();

    // The two fields of Lambda's event classes whose JSON name differs from their getter's (the names
    // Lambda's own serialization maps too); every other event field is named as its getter.
    private abstract static class SqsEventNames {
        @JsonProperty("Records")
        abstract List<SQSEvent.SQSMessage> getRecords();
    }

    private abstract static class SqsMessageNames {
        @JsonProperty("eventSourceARN")
        abstract String getEventSourceArn();
    }

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Parses untrusted text; a malformed document is a {@link MalformedJsonException} with the parser's reason. */
    public static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedJsonException("the body is empty");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        }
    }

    public static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        }
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Our own values always serialise; failing here is a programming error.
            throw new IllegalStateException("Cannot serialise " + value.getClass().getName(), e);
        }
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
