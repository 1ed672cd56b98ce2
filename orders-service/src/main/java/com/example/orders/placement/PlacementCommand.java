package com.example.orders.placement;

import java.util.Objects;
import java.util.Optional;

import com.example.orders.domain.Channel;
import com.example.orders.domain.Provenance;

/** Everything {@link OrderPlacement} needs, whichever entry point received the order. */
public record PlacementCommand(OrderRequest request, Optional<IdempotencyKey> idempotencyKey, Channel channel,
                               Provenance provenance) {

    public PlacementCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(provenance, "provenance");
    }
}
