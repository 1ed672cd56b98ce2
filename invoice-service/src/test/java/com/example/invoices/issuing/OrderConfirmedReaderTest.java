package com.example.invoices.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class OrderConfirmedReaderTest {

    private final OrderConfirmedReader reader = new OrderConfirmedReader();

    private static String example() throws Exception {
        return Files.readString(Path.of("../contracts/events/examples/order-confirmed.json"));
    }

    @Test
    void theCataloguesExampleReadsAsAConfirmedOrder() throws Exception {
        ConfirmedOrder order = reader.read(example());

        assertThat(order.orderId()).isEqualTo("4f6b1a2c-8d3e-5f70-9a1b-2c3d4e5f6a7b");
        assertThat(order.total().toPlainString()).isEqualTo("47.30");
        assertThat(order.eventId()).isEqualTo("4f6b1a2c-8d3e-5f70-9a1b-2c3d4e5f6a7b:confirmed");
    }

    @Test
    void anythingElseIsUnreadableSayingWhy() throws Exception {
        assertThatThrownBy(() -> reader.read("not json")).isInstanceOf(UnreadableMessage.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> reader.read(example().replace("\"OrderConfirmed\"", "\"OrderRejected\"")))
                .isInstanceOf(UnreadableMessage.class).hasMessageContaining("OrderRejected");
        assertThatThrownBy(() -> reader.read(example().replace("\"47.30\"", "\"-1\"")))
                .isInstanceOf(UnreadableMessage.class).hasMessageContaining("/data/total/amount");
    }
}
