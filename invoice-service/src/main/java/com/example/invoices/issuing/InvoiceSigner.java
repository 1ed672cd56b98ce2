package com.example.invoices.issuing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.example.invoices.domain.Invoice;
import com.example.platform.json.Json;

/**
 * Signs invoices with HMAC-SHA256 under a key held in Secrets Manager. The signed text is a fixed
 * canonical JSON of the invoice's business fields, so the same invoice always signs the same way
 * and any change to a signed field breaks the signature.
 */
public final class InvoiceSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final Supplier<String> key;

    public InvoiceSigner(Supplier<String> key) {
        this.key = key;
    }

    public Invoice sign(Invoice invoice) {
        return invoice.withSignature(signatureOf(invoice));
    }

    /** Whether the invoice's signature is the one its fields give under the current key; compared in constant time. */
    public boolean verifies(Invoice invoice) {
        return MessageDigest.isEqual(signatureOf(invoice).getBytes(StandardCharsets.US_ASCII),
                invoice.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private String signatureOf(Invoice invoice) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.get().getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] digest = mac.doFinal(canonical(invoice).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable or the key is unusable", e);
        }
    }

    private static String canonical(Invoice invoice) {
        return Json.write(new SignedFields(invoice.id().toString(), invoice.number().toString(), invoice.orderId(),
                invoice.customerId(), invoice.net().currency().getCurrencyCode(), invoice.net().toPlainString(),
                invoice.taxRate().toPlainString(), invoice.tax().toPlainString(), invoice.gross().toPlainString(),
                invoice.issuedAt().toString()));
    }

    /** The signed fields, in a fixed order. */
    private record SignedFields(String invoiceId, String invoiceNumber, String orderId, String customerId,
                                String currency, String net, String taxRate, String tax, String gross, String issuedAt) {
    }
}
