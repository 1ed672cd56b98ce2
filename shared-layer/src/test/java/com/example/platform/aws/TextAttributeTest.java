package com.example.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TextAttributeTest {

    @Test
    void anExactDecimalIsStoredAsTextWithItsTrailingZerosAndReadBackAtItsScale() {
        assertThat(TextAttribute.EXACT_DECIMAL.transformFrom(new BigDecimal("47.30"))).isEqualTo(AttributeValue.fromS("47.30"));
        assertThat(TextAttribute.EXACT_DECIMAL.transformFrom(new BigDecimal("1E+3"))).isEqualTo(AttributeValue.fromS("1000"));
        assertThat(TextAttribute.EXACT_DECIMAL.transformTo(AttributeValue.fromS("0.190")).scale()).isEqualTo(3);
        assertThat(TextAttribute.EXACT_DECIMAL.attributeValueType()).isEqualTo(AttributeValueType.S);
    }

    @Test
    void aCurrencyIsStoredAsItsCode() {
        TextAttribute<Currency> currency = TextAttribute.CURRENCY;

        assertThat(currency.transformFrom(Currency.getInstance("JPY"))).isEqualTo(AttributeValue.fromS("JPY"));
        assertThat(currency.transformTo(AttributeValue.fromS("EUR"))).isEqualTo(Currency.getInstance("EUR"));
        assertThat(currency.type().rawClass()).isEqualTo(Currency.class);
    }
}
