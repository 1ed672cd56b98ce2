package com.example.orders.api;

import com.example.platform.money.Money;

/** Money in JSON: the amount as an exact decimal string and its ISO 4217 code. */
record MoneyResource(String amount, String currency) {

    static MoneyResource of(Money money) {
        return new MoneyResource(money.toPlainString(), money.currency().getCurrencyCode());
    }
}
