package com.example.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderIdTest {

    @Test
    void theSameKeyInTheSameScopeAlwaysNamesTheSameOrder() {
        assertThat(OrderId.forIdempotencyKey("arn:aws:iam::1:user/a", "k-1"))
                .isEqualTo(OrderId.forIdempotencyKey("arn:aws:iam::1:user/a", "k-1"));
    }

    @Test
    void scopesKeepCallersApart() {
        assertThat(OrderId.forIdempotencyKey("arn:aws:iam::1:user/a", "k-1"))
                .isNotEqualTo(OrderId.forIdempotencyKey("arn:aws:iam::1:user/b", "k-1"));
        // The separator keeps ("a", "b\nc") and ("a\nb", "c") from being confused only if neither contains it;
        // keys are visible ASCII and scopes are ARNs, so neither does.
        assertThat(OrderId.forIdempotencyKey("ab", "c")).isNotEqualTo(OrderId.forIdempotencyKey("a", "bc"));
    }

    @Test
    void keyedIdsAreVersion5UuidsAndRandomIdsVersion4() {
        assertThat(OrderId.forIdempotencyKey("scope", "key").value().version()).isEqualTo(5);
        assertThat(OrderId.forIdempotencyKey("scope", "key").value().variant()).isEqualTo(2);
        assertThat(OrderId.random().value().version()).isEqualTo(4);
    }

    @Test
    void onlyCanonicalUuidsParse() {
        assertThat(OrderId.parse("1b4e28ba-2fa1-11d2-883f-0016d3cca427")).isPresent();
        assertThat(OrderId.parse("1-1-1-1-1")).isEmpty();
        assertThat(OrderId.parse("not-an-id")).isEmpty();
        assertThat(OrderId.parse(null)).isEmpty();
    }
}
