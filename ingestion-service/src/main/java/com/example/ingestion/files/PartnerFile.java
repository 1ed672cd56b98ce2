package com.example.ingestion.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partner's order file: {@code incoming/<partnerId>/<name>.jsonl} in the partner bucket, one
 * version of it. Its report and its processed copy live beside it under {@code reports/} and
 * {@code processed/}, named after the same partner and file.
 */
public record PartnerFile(String bucket, String key, String versionId, String partnerId, String name) {

    private static final Pattern KEY = Pattern.compile("incoming/([a-z0-9][a-z0-9-]{0,31})/([^/]+\\.jsonl)");

    /** The file the event names, if its key follows the layout; empty when it does not. */
    public static Optional<PartnerFile> of(ObjectCreated event) {
        Matcher matcher = KEY.matcher(event.key());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PartnerFile(event.bucket(), event.key(), event.versionId(), matcher.group(1),
                matcher.group(2)));
    }

    public String reportKey() {
        return "reports/" + partnerId + "/" + name + "." + versionId + ".report.json";
    }

    public String processedKey() {
        return "processed/" + partnerId + "/" + name;
    }

    /** One correlation id per file version: every order it submits carries it. */
    public String correlationId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((bucket + "/" + key + "#" + versionId).getBytes(StandardCharsets.UTF_8));
            return "file-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }
}
