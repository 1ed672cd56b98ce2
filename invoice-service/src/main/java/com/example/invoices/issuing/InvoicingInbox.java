package com.example.invoices.issuing;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.invoices.issuing.InvoiceIssuer.AlreadyIssued;
import com.example.invoices.issuing.InvoiceIssuer.Issued;
import com.example.invoices.issuing.InvoiceIssuer.Outcome;
import com.example.platform.events.EventPublisher;
import com.example.platform.observability.Observability;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * One invoice queue message, start to end: read the OrderConfirmed, issue the invoice (once), and
 * announce it. An invoice found already issued is announced again: the earlier attempt may have
 * stored it and then failed to publish, and consumers of InvoiceIssued are idempotent. Anything
 * that fails throws, and only this message is retried.
 */
public final class InvoicingInbox {

    private static final Logger LOG = LoggerFactory.getLogger(InvoicingInbox.class);

    private final OrderConfirmedReader reader;
    private final InvoiceIssuer issuer;
    private final EventPublisher events;

    public InvoicingInbox(OrderConfirmedReader reader, InvoiceIssuer issuer, EventPublisher events) {
        this.reader = reader;
        this.issuer = issuer;
        this.events = events;
    }

    public Outcome process(ConfirmedOrder order) {
        Outcome outcome = issuer.issue(order);
        String result = switch (outcome) {
            case Issued issued -> "InvoicesIssued";
            case AlreadyIssued alreadyIssued -> "InvoicesReannounced";
        };
        events.publish(InvoiceIssued.DETAIL_TYPE, InvoiceIssued.of(outcome.invoice()));
        Observability.metrics().addMetric(result, 1, MetricUnit.COUNT);
        LOG.info("Invoice announced", entry("orderId", order.orderId()),
                entry("invoiceNumber", outcome.invoice().number().toString()), entry("outcome", result));
        return outcome;
    }

    public ConfirmedOrder read(String messageBody) {
        return reader.read(messageBody);
    }
}
