package com.example.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Fulfilment decisions: a high-value order waits for a reviewer, an order over the limit is rejected. */
class FulfilmentDecisionsTest {

    private final Api api = Api.orders(Stack.current());
    private final Orders orders = new Orders(api);

    @Test
    void aHighValueOrderWaitsForReviewAndIsInvoicedOnceApproved() {
        String location = orders.placed(Orders.request(Orders.newCustomer(), "EUR", 1, "1500.00"));
        orders.awaitStatus(location, "UNDER_REVIEW");

        // The review opens once the workflow's task token is recorded; until then the API says so with 409 and Retry-After.
        Api.Answer review = Eventually.until("the review of " + location + " to be taken", Orders.SETTLE,
                () -> api.post(location + "/review", "{\"decision\":\"APPROVE\",\"reason\":\"Known customer, checked by phone\"}",
                        Map.of()),
                answer -> answer.status() != 409 || !answer.json().path("type").asText().equals("/problems/review-not-open"));

        assertThat(review.status()).isEqualTo(202);
        assertThat(review.json().path("decision").asText()).isEqualTo("APPROVE");
        JsonNode invoiced = orders.awaitStatus(location, "INVOICED");
        assertThat(invoiced.path("invoice").path("invoiceId").asText()).isNotBlank();
    }

    @Test
    void anOrderOverTheRejectionLimitIsRejectedAndNeverInvoiced() {
        String location = orders.placed(Orders.request(Orders.newCustomer(), "EUR", 2, "15000.00"));

        JsonNode rejected = orders.awaitStatus(location, "REJECTED");

        assertThat(rejected.has("invoice")).isFalse();
        assertThat(api.get(location).json().path("status").asText()).as("still rejected a moment later").isEqualTo("REJECTED");
    }
}
