package com.example.orders.invoicing;

import com.example.orders.domain.OrderId;
import com.example.platform.contracts.EventContract;
import com.example.platform.contracts.Reading;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads InvoiceIssued as EventBridge delivers it, holding its detail to the v1 contract. */
public final class InvoiceIssuedReader {

    static final String CONTRACT = "contracts/events/invoice-issued.v1.schema.json";

    private final EventContract contract = EventContract.fromClasspath("com.example.invoices", "InvoiceIssued", CONTRACT);

    public IssuedInvoice read(JsonNode event) {
        return switch (contract.detail(event)) {
            case Reading.Valid<JsonNode>(JsonNode detail) -> issuedInvoice(detail);
            case Reading.Invalid<JsonNode>(var violations) -> throw new UninvoiceableOrder(contract.explain(violations));
        };
    }

    private static IssuedInvoice issuedInvoice(JsonNode detail) {
        JsonNode data = detail.get("data");
        return new IssuedInvoice(OrderId.parse(data.get("orderId").asText()).orElseThrow(), data.get("invoiceId").asText(),
                data.get("invoiceNumber").asText(), detail.at("/metadata/correlationId").asText());
    }
}
