package com.example.orders.placement;

import java.util.Currency;
import java.util.Set;
import java.util.TreeSet;

import com.example.platform.config.SharedParameters;

/** The currencies orders may be placed in: shared configuration, so it lives in Parameter Store. */
@FunctionalInterface
public interface AcceptedCurrencies {

    Set<String> codes();

    default boolean accepts(Currency currency) {
        return codes().contains(currency.getCurrencyCode());
    }

    /** Read through the Powertools cache on every call, so a changed parameter applies within its TTL. */
    static AcceptedCurrencies fromParameter(SharedParameters parameters, String parameterName) {
        return () -> new TreeSet<>(parameters.stringList(parameterName));
    }

    static AcceptedCurrencies of(String... codes) {
        Set<String> fixed = new TreeSet<>(Set.of(codes));
        return () -> fixed;
    }
}
