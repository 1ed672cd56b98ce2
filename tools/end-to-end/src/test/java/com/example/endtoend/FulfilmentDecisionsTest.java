package com.example.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Fulfilment decisions: a high-value order waits for a reviewer (never its placer), an order over the limit is rejected. */
class FulfilmentDecisionsTest {

    private final Api api = Api.orders(Stack.current());
    private final Orders orders = new Orders(api);

    @Test
    void aHighValueOrderWaitsForAReviewerNotItsPlacerAndIsInvoicedOnceApproved() {
        String location = orders.placed(Orders.request(Orders.newCustomer(), "EUR", 1, "1500.00"));
        orders.awaitStatus(location, "UNDER_REVIEW");
        String approval = "{\"decision\":\"APPROVE\",\"reason\":\"Known customer, checked by phone\"}";

        // The API's resource policy lets only the reviewer role answer: the placer's own answer never reaches a function.
        Api.Answer byThePlacer = api.post(location + "/review", approval, Map.of());
        assertThat(byThePlacer.status()).isEqualTo(403);
        assertThat(byThePlacer.json().path("title").asText()).contains("not authorized");
        assertThat(api.get(location).json().path("status").asText()).isEqualTo("UNDER_REVIEW");

        // The review opens once the workflow's task token is recorded; until then the API says so with 409 and Retry-After.
        Api reviewer = api.asReviewer();
        Api.Answer review = Eventually.until("the review of " + location + " to be taken", Orders.SETTLE,
                () -> reviewer.post(location + "/review", approval, Map.of()),
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
