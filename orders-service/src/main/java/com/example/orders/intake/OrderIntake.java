package com.example.orders.intake;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.orders.domain.Channel;
import com.example.orders.domain.Provenance;
import com.example.orders.placement.IdempotencyKey;
import com.example.orders.placement.OrderPlacement;
import com.example.orders.placement.OrderRequest;
import com.example.orders.placement.OrderRequestReader;
import com.example.orders.placement.PlacementCommand;
import com.example.orders.placement.PlacementOutcome;
import com.example.orders.placement.PlacementOutcome.KeyReused;
import com.example.platform.contracts.Reading;
import com.example.platform.http.Problem.Violation;
import com.example.platform.observability.Observability;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Places a partner's order with the same reading and the same {@link OrderPlacement} as
 * {@code POST /orders}. The idempotency key is the partner's order reference, scoped to the partner,
 * so a line submitted twice places one order; a reference reused for a different order is refused.
 */
public final class OrderIntake {

    private static final Logger LOG = LoggerFactory.getLogger(OrderIntake.class);

    private final OrderRequestReader reader;
    private final OrderPlacement placement;

    public OrderIntake(OrderRequestReader reader, OrderPlacement placement) {
        this.reader = reader;
        this.placement = placement;
    }

    public PlacementOutcome place(SubmittedOrder submitted) {
        OrderRequest request = switch (reader.read(submitted.order())) {
            case Reading.Valid<OrderRequest>(OrderRequest valid) -> valid;
            case Reading.Invalid<OrderRequest>(List<Violation> violations) -> throw new UnplaceableSubmission(
                    "the order breaks the order rules: " + violations.stream()
                            .map(violation -> violation.location() + " " + violation.detail())
                            .collect(Collectors.joining("; ")));
        };
        String partner = "partner:" + submitted.partnerId();
        PlacementOutcome outcome = placement.place(new PlacementCommand(request,
                Optional.of(new IdempotencyKey(partner, submitted.partnerOrderRef())),
                Channel.PARTNER_FILE, new Provenance(submitted.correlationId(), submitted.eventId(), partner)));
        if (outcome instanceof KeyReused(var existing)) {
            throw new UnplaceableSubmission("partner " + submitted.partnerId() + " already placed order "
                    + submitted.partnerOrderRef() + " (" + existing + ") with different content");
        }
        Observability.metrics().addMetric(outcome instanceof PlacementOutcome.Placed ? "OrdersPlaced" : "IdempotentReplays",
                1, MetricUnit.COUNT);
        LOG.info("Partner order placed", entry("partnerId", submitted.partnerId()),
                entry("partnerOrderRef", submitted.partnerOrderRef()), entry("outcome", outcome.getClass().getSimpleName()));
        return outcome;
    }
}
