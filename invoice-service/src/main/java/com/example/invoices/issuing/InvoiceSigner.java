package com.example.invoices.issuing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.example.invoices.domain.Invoice;
import com.example.platform.json.Json;

/**
 * Signs invoices with HMAC-SHA256 under the current version of a key held in Secrets Manager, and
 * records that version on the invoice. The signed text is a fixed canonical JSON of the invoice's
 * business fields, so the same invoice always signs the same way and any change to a signed field
 * breaks the signature.
 */
public final class InvoiceSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final Supplier<SigningKey> currentKey;

    public InvoiceSigner(Supplier<SigningKey> currentKey) {
        this.currentKey = currentKey;
    }

    public Invoice sign(Invoice invoice) {
        SigningKey key = currentKey.get();
        return invoice.withSignature(signatureOf(invoice, key.secret()), key.version());
    }

    /** Loads and runs the HMAC path under a key that signs nothing else, so that priming needs no real one. */
    public static void prime(Invoice sample) {
        signatureOf(sample, "priming-only");
    }

    static String signatureOf(Invoice invoice, String key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
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
