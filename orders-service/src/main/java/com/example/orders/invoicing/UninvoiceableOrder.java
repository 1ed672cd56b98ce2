package com.example.orders.invoicing;

/**
 * An InvoiceIssued the orders service cannot apply: unreadable, for an unknown order, or for an order
 * that is not CONFIRMED (or invoiced by another invoice). Retrying will not change that, so after
 * Lambda's asynchronous retries the event goes to the function's on-failure destination, with this
 * message, for someone to look at.
 */
public final class UninvoiceableOrder extends RuntimeException {

    public UninvoiceableOrder(String reason) {
        super(reason);
    }
}
