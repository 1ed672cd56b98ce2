package com.example.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void amountsTakeTheCurrencyScaleSoEqualAmountsAreEqual() {
        assertThat(new Money(new BigDecimal("9.9"), EUR)).isEqualTo(new Money(new BigDecimal("9.90"), EUR));
        assertThat(new Money(new BigDecimal("9.9"), EUR).toPlainString()).isEqualTo("9.90");
        assertThat(new Money(new BigDecimal("1500"), JPY).toPlainString()).isEqualTo("1500");
    }

    @Test
    void arithmeticIsExact() {
        Money price = new Money(new BigDecimal("0.10"), EUR);
        assertThat(price.times(3).plus(new Money(new BigDecimal("0.20"), EUR)).toPlainString()).isEqualTo("0.50");
    }

    @Test
    void moreDecimalsThanTheCurrencyHasIsRefusedNotRounded() {
        assertThatThrownBy(() -> new Money(new BigDecimal("1.005"), EUR)).hasMessageContaining("EUR");
        assertThatThrownBy(() -> new Money(new BigDecimal("1.5"), JPY)).hasMessageContaining("JPY");
        assertThat(Money.fitsScale(new BigDecimal("1.50"), EUR)).isTrue();
        assertThat(Money.fitsScale(new BigDecimal("100.00"), JPY)).isTrue();
    }

    @Test
    void currenciesDoNotMix() {
        assertThatThrownBy(() -> Money.zero(EUR).plus(Money.zero(JPY))).hasMessageContaining("JPY");
    }

    @Test
    void negativeAmountsAreRefused() {
        assertThatThrownBy(() -> new Money(new BigDecimal("-1"), EUR)).hasMessageContaining("Negative");
    }
}
