package com.example.invoices.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.platform.money.Money;

class TaxRatesTest {

    private final TaxRates rates = new TaxRates(Map.of("EUR", new BigDecimal("0.20"), "JPY", new BigDecimal("0.10"),
            "CHF", new BigDecimal("0.081")));

    private static Money money(String amount, String currency) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currency));
    }

    @Test
    void taxIsRoundedHalfUpToTheMinorUnit() {
        assertThat(rates.taxOn(money("47.30", "EUR"))).isEqualTo(money("9.46", "EUR"));
        assertThat(rates.taxOn(money("0.05", "CHF"))).as("0.00405 rounds to 0.00").isEqualTo(money("0.00", "CHF"));
        assertThat(rates.taxOn(money("0.07", "CHF"))).as("0.00567 rounds to 0.01").isEqualTo(money("0.01", "CHF"));
        assertThat(rates.taxOn(money("1005", "JPY"))).as("100.5 rounds up to 101").isEqualTo(money("101", "JPY"));
    }

    @Test
    void aCurrencyWithoutARateIsAnErrorNotAZeroRate() {
        assertThatThrownBy(() -> rates.taxOn(money("1.00", "USD")))
                .isInstanceOf(TaxRates.MissingTaxRate.class).hasMessageContaining("USD");
    }

    @Test
    void ratesOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> new TaxRates(Map.of("EUR", new BigDecimal("1.2")))).hasMessageContaining("EUR");
        assertThatThrownBy(() -> new TaxRates(Map.of("EUR", new BigDecimal("-0.1")))).hasMessageContaining("EUR");
    }
}
