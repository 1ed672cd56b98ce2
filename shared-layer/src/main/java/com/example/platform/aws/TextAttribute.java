package com.example.platform.aws;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.function.Function;

import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB attribute stored as text (S) in the form the value's own type writes and parses: ids,
 * currency codes, and decimals whose written scale matters.
 */
public record TextAttribute<T>(EnhancedType<T> type, Function<T, String> format, Function<String, T> parse)
        implements AttributeConverter<T> {

    /**
     * A decimal as written, trailing zeros kept ({@code "47.30"}): a DynamoDB number would come back
     * as {@code 47.3}, and readers of the stored text (the outbox pipe) copy it as it is.
     */
    public static final TextAttribute<BigDecimal> EXACT_DECIMAL = of(BigDecimal.class, BigDecimal::toPlainString,
            BigDecimal::new);

    /** A currency as its ISO 4217 code. */
    public static final TextAttribute<Currency> CURRENCY = of(Currency.class, Currency::getCurrencyCode,
            Currency::getInstance);

    public static <T> TextAttribute<T> of(Class<T> type, Function<T, String> format, Function<String, T> parse) {
        return new TextAttribute<>(EnhancedType.of(type), format, parse);
    }

    @Override
    public AttributeValue transformFrom(T value) {
        return AttributeValue.fromS(format.apply(value));
    }

    @Override
    public T transformTo(AttributeValue value) {
        return parse.apply(value.s());
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.S;
    }
}
