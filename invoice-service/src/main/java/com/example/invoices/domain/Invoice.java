package com.example.invoices.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import com.example.platform.money.Money;

/**
 * An issued invoice. {@code signature} is an HMAC over every other business field (see
 * {@code InvoiceSigner}), so a changed amount, number or customer no longer verifies;
 * {@code signingKeyVersion} names the key version it was made with, so it verifies after a rotation.
 */
public record Invoice(InvoiceId id, InvoiceNumber number, String orderId, String customerId, Money net,
                      BigDecimal taxRate, Money tax, Money gross, Instant issuedAt, String correlationId,
                      String causationId, String signature, String signingKeyVersion) {

    /** The key version of an invoice signed before versions were recorded (or read without it). */
    public static final String KEY_VERSION_NOT_RECORDED = "not-recorded";

    public Invoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(taxRate, "taxRate");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(gross, "gross");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(signingKeyVersion, "signingKeyVersion");
    }

    public Invoice withSignature(String newSignature, String keyVersion) {
        return new Invoice(id, number, orderId, customerId, net, taxRate, tax, gross, issuedAt, correlationId,
                causationId, newSignature, keyVersion);
    }
}
