package com.example.invoices.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.issuing.DynamoDbInvoiceRepository;
import com.example.platform.http.ApiEndpoint;
import com.example.platform.http.ApiRequest;
import com.example.platform.http.ApiResponses;
import com.example.platform.http.Problem;
import com.example.platform.http.Problem.Violation;
import com.example.platform.observability.CorrelationId;

/** {@code GET /invoices/{invoiceId}}: the invoice, reading only the attributes it returns. */
public final class GetInvoiceEndpoint implements ApiEndpoint {

    private final DynamoDbInvoiceRepository invoices;

    public GetInvoiceEndpoint(DynamoDbInvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @Override
    public APIGatewayProxyResponseEvent handle(ApiRequest request, CorrelationId correlationId) {
        Optional<InvoiceId> id = request.pathParameter("invoiceId").flatMap(InvoiceId::parse);
        if (id.isEmpty()) {
            return ApiResponses.problem(Problem.invalidRequest(request.path(), correlationId.value(),
                    List.of(new Violation("path:invoiceId", "must be an invoice id (a UUID)"))));
        }
        return invoices.findPublic(id.get())
                .map(invoice -> ApiResponses.json(200, InvoiceResource.of(invoice), Map.of()))
                .orElseGet(() -> ApiResponses.problem(Problem.of("/problems/invoice-not-found", "No such invoice", 404,
                        "There is no invoice " + id.get() + ".", request.path(), correlationId.value())));
    }
}
