package com.example.orders.api;

import java.util.Optional;

import com.example.orders.domain.Channel;
import com.example.orders.domain.Provenance;
import com.example.orders.placement.OrderRequest;
import com.example.orders.placement.PlacementCommand;
import com.example.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/** The sample request handlers run through before a SnapStart snapshot is taken. */
final class PrimingSample {

    static final JsonNode SAMPLE_REQUEST = Json.parse("""
            {"customerId":"priming","currency":"EUR","lines":[{"sku":"PRIMING-1","quantity":1,"unitPrice":"1.00"}]}
            """);

    private PrimingSample() {
    }

    /** A command without an idempotency key, for a request that is never stored. */
    static PlacementCommand command(OrderRequest request) {
        return new PlacementCommand(request, Optional.empty(), Channel.API, new Provenance("priming", "priming"));
    }
}
