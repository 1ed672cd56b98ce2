package com.example.orders.placement;

import java.util.Optional;

import com.example.orders.domain.Channel;
import com.example.orders.domain.Provenance;
import com.example.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/** The sample order the placing handlers run through before a SnapStart snapshot is taken. */
public final class PrimingSample {

    public static final JsonNode SAMPLE_REQUEST = Json.parse("""
            {"customerId":"priming","currency":"EUR","lines":[{"sku":"PRIMING-1","quantity":1,"unitPrice":"1.00"}]}
            """);

    private PrimingSample() {
    }

    /** A command without an idempotency key, for a request that is never stored. */
    public static PlacementCommand command(OrderRequest request, Channel channel) {
        return new PlacementCommand(request, Optional.empty(), channel, new Provenance("priming", "priming", "priming"));
    }
}
