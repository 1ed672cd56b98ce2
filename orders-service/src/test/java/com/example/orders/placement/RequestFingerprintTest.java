package com.example.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.platform.money.Money;
import com.example.orders.domain.OrderLine;

class RequestFingerprintTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    private static OrderRequest request(String customer, int quantity, String price) {
        return new OrderRequest(customer, EUR, List.of(new OrderLine("SKU-1", quantity, new Money(new BigDecimal(price), EUR))));
    }

    @Test
    void theSameOrderWrittenDifferentlyHasTheSameFingerprint() {
        assertThat(RequestFingerprint.of(request("c-1", 2, "9.9"))).isEqualTo(RequestFingerprint.of(request("c-1", 2, "9.90")));
    }

    @Test
    void anyChangeToWhatIsOrderedChangesIt() {
        String original = RequestFingerprint.of(request("c-1", 2, "9.90"));
        assertThat(RequestFingerprint.of(request("c-1", 3, "9.90"))).isNotEqualTo(original);
        assertThat(RequestFingerprint.of(request("c-1", 2, "9.91"))).isNotEqualTo(original);
        assertThat(RequestFingerprint.of(request("c-2", 2, "9.90"))).isNotEqualTo(original);
        assertThat(original).hasSize(64);
    }
}
