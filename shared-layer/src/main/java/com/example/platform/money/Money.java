package com.example.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in an ISO 4217 currency, always at the currency's own scale (2 for EUR, 0 for
 * JPY), so equal amounts compare and print equally. Never a floating-point number.
 */
public record Money(BigDecimal amount, Currency currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("Negative amount " + amount.toPlainString());
        }
        if (!fitsScale(amount, currency)) {
            throw new IllegalArgumentException(amount.toPlainString() + " has more decimals than " + currency
                    + " allows (" + currency.getDefaultFractionDigits() + ")");
        }
        amount = amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
    }

    /** Whether the amount can be written in the currency without rounding (no cents in JPY). */
    public static boolean fitsScale(BigDecimal amount, Currency currency) {
        return amount.stripTrailingZeros().scale() <= currency.getDefaultFractionDigits();
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot add " + other.currency + " to " + currency);
        }
        return new Money(amount.add(other.amount), currency);
    }

    /** The amount as a plain decimal string at the currency's scale: how amounts travel in JSON. */
    public String toPlainString() {
        return amount.toPlainString();
    }
}
