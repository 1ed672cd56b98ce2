package com.example.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.example.orders.domain.Channel;
import com.example.platform.money.Money;
import com.example.orders.domain.OrderLine;
import com.example.orders.domain.OrderStatus;
import com.example.orders.domain.Provenance;
import com.example.orders.placement.PlacementOutcome.KeyReused;
import com.example.orders.placement.PlacementOutcome.Placed;
import com.example.orders.placement.PlacementOutcome.Replayed;
import com.example.orders.store.InMemoryOrderRepository;

class OrderPlacementTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    private final InMemoryOrderRepository repository = new InMemoryOrderRepository();
    private final OrderPlacement placement = new OrderPlacement(repository,
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    private static PlacementCommand command(Optional<IdempotencyKey> key, int quantity, String requestId) {
        OrderRequest request = new OrderRequest("c-1", EUR,
                List.of(new OrderLine("SKU-1", quantity, new Money(new BigDecimal("12.50"), EUR))));
        return new PlacementCommand(request, key, Channel.API, new Provenance("corr-1", requestId, "arn:aws:iam::123456789012:user/placer"));
    }

    @Test
    void aNewRequestPlacesAnOrderWithItsTotalsAndProvenance() {
        PlacementOutcome outcome = placement.place(command(Optional.empty(), 3, "req-1"));

        assertThat(outcome).isInstanceOf(Placed.class);
        var order = ((Placed) outcome).order();
        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(order.total().toPlainString()).isEqualTo("37.50");
        assertThat(order.itemCount()).isEqualTo(3);
        assertThat(order.provenance()).isEqualTo(new Provenance("corr-1", "req-1", "arn:aws:iam::123456789012:user/placer"));
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void theSameRequestUnderTheSameKeyReplaysTheFirstOrder() {
        Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey("caller", "k-1"));
        Placed first = (Placed) placement.place(command(key, 3, "req-1"));

        PlacementOutcome second = placement.place(command(key, 3, "req-2"));

        assertThat(second).isInstanceOf(Replayed.class);
        assertThat(((Replayed) second).order()).isEqualTo(first.order());
        assertThat(repository.size()).isEqualTo(1);
    }

    @Test
    void aDifferentRequestUnderAUsedKeyIsRefusedAndStoresNothing() {
        Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey("caller", "k-1"));
        Placed first = (Placed) placement.place(command(key, 3, "req-1"));

        PlacementOutcome second = placement.place(command(key, 4, "req-2"));

        assertThat(second).isEqualTo(new KeyReused(first.order().id()));
        assertThat(repository.size()).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestIsANewOrder() {
        placement.place(command(Optional.empty(), 3, "req-1"));
        placement.place(command(Optional.empty(), 3, "req-1"));

        assertThat(repository.size()).isEqualTo(2);
    }
}
