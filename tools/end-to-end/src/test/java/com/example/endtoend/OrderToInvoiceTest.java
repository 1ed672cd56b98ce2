package com.example.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** An order from POST /orders to INVOICED, its invoice readable from the invoices API; an idempotent replay. */
@Tag("smoke")
class OrderToInvoiceTest {

    private final Api api = Api.orders(Stack.current());
    private final Api invoices = Api.invoices(Stack.current());
    private final Orders orders = new Orders(api);

    @Test
    void anApprovedOrderEndsInvoicedAndItsSignedInvoiceIsReadable() {
        String customer = Orders.newCustomer();
        Api.Answer accepted = orders.place("e2e-" + customer, Orders.request(customer, "EUR", 2, "19.90"));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isEqualTo("PLACED");
        String location = accepted.header("Location");
        assertThat(location).endsWith("/orders/" + accepted.json().path("orderId").asText());

        JsonNode order = orders.awaitStatus(location, "INVOICED");
        JsonNode invoice = invoices.get("/invoices/" + order.path("invoice").path("invoiceId").asText()).json();

        assertThat(invoice.path("orderId").asText()).isEqualTo(order.path("orderId").asText());
        assertThat(invoice.path("invoiceNumber").asText()).isEqualTo(order.path("invoice").path("invoiceNumber").asText());
        assertThat(invoice.path("net")).isEqualTo(Stack.JSON.valueToTree(Map.of("amount", "39.80", "currency", "EUR")));
        assertThat(invoice.path("taxRate").asText()).isEqualTo("0.20");
        assertThat(invoice.path("tax").path("amount").asText()).isEqualTo("7.96");
        assertThat(invoice.path("gross").path("amount").asText()).isEqualTo("47.76");
        assertThat(invoice.path("signature").asText()).isNotBlank();
    }

    @Test
    void theSameKeyWithTheSameBodyReplaysTheFirstAnswerAndWithAnotherBodyIsRefused() {
        String customer = Orders.newCustomer();
        String key = "e2e-replay-" + customer;
        String body = Orders.request(customer, "EUR", 1, "5.00");

        Api.Answer first = orders.place(key, body);
        Api.Answer replay = orders.place(key, body);
        Api.Answer reused = orders.place(key, Orders.request(customer, "EUR", 2, "5.00"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().path("orderId")).isEqualTo(first.json().path("orderId"));
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reused.json().path("type").asText()).isEqualTo("/problems/idempotency-key-reused");
    }
}
