package com.example.orders.invoicing;

import java.util.List;
import java.util.stream.Collectors;

import com.example.orders.domain.OrderId;
import com.example.platform.contracts.JsonContract;
import com.example.platform.http.Problem.Violation;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads InvoiceIssued as EventBridge delivers it, holding its detail to the v1 contract. */
public final class InvoiceIssuedReader {

    static final String CONTRACT = "contracts/events/invoice-issued.v1.schema.json";

    private final JsonContract contract = JsonContract.fromClasspath(CONTRACT);

    public IssuedInvoice read(JsonNode event) {
        if (!"InvoiceIssued".equals(event.path("detail-type").asText())
                || !"com.example.invoices".equals(event.path("source").asText())) {
            throw new UninvoiceableOrder("expected InvoiceIssued from com.example.invoices, got "
                    + event.path("detail-type").asText("nothing") + " from " + event.path("source").asText("nowhere"));
        }
        JsonNode detail = event.path("detail");
        List<Violation> violations = contract.violations(detail);
        if (!violations.isEmpty()) {
            throw new UninvoiceableOrder("the detail breaks the InvoiceIssued v1 contract: " + violations.stream()
                    .map(violation -> violation.location() + " " + violation.detail()).collect(Collectors.joining("; ")));
        }
        JsonNode data = detail.get("data");
        return new IssuedInvoice(OrderId.parse(data.get("orderId").asText()).orElseThrow(), data.get("invoiceId").asText(),
                data.get("invoiceNumber").asText(), detail.at("/metadata/correlationId").asText());
    }
}
