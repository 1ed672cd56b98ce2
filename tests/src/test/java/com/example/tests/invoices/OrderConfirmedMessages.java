package com.example.tests.invoices;

import java.util.UUID;

import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OrderConfirmed events as the bus delivers them to the invoice queue, made from the catalogue's example. */
final class OrderConfirmedMessages {

    private OrderConfirmedMessages() {
    }

    static String forNewOrder(String amount, String currency) {
        return forOrder(UUID.randomUUID().toString(), amount, currency);
    }

    static String forOrder(String orderId, String amount, String currency) {
        ObjectNode event = (ObjectNode) Json.parse(ProjectFiles.read("contracts/events/examples/order-confirmed.json"));
        event.put("id", UUID.randomUUID().toString());
        ObjectNode detail = (ObjectNode) event.get("detail");
        ((ObjectNode) detail.get("metadata")).put("eventId", orderId + ":confirmed");
        ObjectNode data = (ObjectNode) detail.get("data");
        data.put("orderId", orderId);
        ((ObjectNode) data.get("total")).put("amount", amount).put("currency", currency);
        return Json.write(event);
    }

    static String orderId(String message) {
        JsonNode event = Json.parse(message);
        return event.at("/detail/data/orderId").asText();
    }
}
