package com.example.invoices.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;

import com.example.platform.money.Money;

/**
 * The tax rate of each market, keyed by its currency (a simplification of this reference: one tax
 * rate per currency), from Parameter Store. A currency without a rate is an error, not a zero rate:
 * an invoice without its tax would be wrong.
 */
public record TaxRates(Map<String, BigDecimal> rates) {

    public TaxRates {
        rates = Map.copyOf(rates);
        rates.forEach((currency, rate) -> {
            if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("Tax rate for " + currency + " must be in [0, 1), was " + rate);
            }
        });
    }

    public BigDecimal rateFor(Currency currency) {
        BigDecimal rate = rates.get(currency.getCurrencyCode());
        if (rate == null) {
            throw new MissingTaxRate(currency);
        }
        return rate;
    }

    /** Tax on a net amount, rounded half up to the currency's minor unit, as most VAT rules ask per invoice. */
    public Money taxOn(Money net) {
        BigDecimal tax = net.amount().multiply(rateFor(net.currency()))
                .setScale(net.currency().getDefaultFractionDigits(), RoundingMode.HALF_UP);
        return new Money(tax, net.currency());
    }

    /** No tax rate is configured for the currency: fix the TaxRatesParameter, then redrive the message. */
    public static final class MissingTaxRate extends RuntimeException {
        public MissingTaxRate(Currency currency) {
            super("No tax rate is configured for " + currency.getCurrencyCode());
        }
    }
}
