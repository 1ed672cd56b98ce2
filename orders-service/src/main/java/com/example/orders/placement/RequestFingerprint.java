package com.example.orders.placement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.example.platform.json.Json;

/**
 * A SHA-256 digest of a request's meaning, not its bytes: amounts are at the currency's scale and
 * fields in a fixed order, so {@code "9.9"} and {@code "9.90"} or reordered members are the same
 * request, while any change to what is ordered is a different one.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(OrderRequest request) {
        List<CanonicalLine> lines = request.lines().stream()
                .map(line -> new CanonicalLine(line.sku(), line.quantity(), line.unitPrice().toPlainString()))
                .toList();
        String canonical = Json.write(new CanonicalRequest(request.customerId(), request.currency().getCurrencyCode(), lines));
        return HexFormat.of().formatHex(sha256(canonical));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }

    private record CanonicalRequest(String customerId, String currency, List<CanonicalLine> lines) {
    }

    private record CanonicalLine(String sku, int quantity, String unitPrice) {
    }
}
