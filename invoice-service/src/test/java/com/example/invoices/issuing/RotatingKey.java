package com.example.invoices.issuing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.example.invoices.domain.Invoice;

/** A signing key's versions in memory, rotated as Secrets Manager rotates one: a new current version, the old ones kept. */
final class RotatingKey {

    private final Map<String, String> versions = new LinkedHashMap<>();
    private SigningKey current;

    RotatingKey(String firstSecret) {
        rotate(firstSecret);
    }

    void rotate(String secret) {
        current = new SigningKey("v" + (versions.size() + 1), secret);
        versions.put(current.version(), secret);
    }

    void forget(String version) {
        versions.remove(version);
    }

    SigningKey current() {
        return current;
    }

    Optional<String> secretOf(String version) {
        return version.equals(Invoice.KEY_VERSION_NOT_RECORDED) ? Optional.of(current.secret())
                : Optional.ofNullable(versions.get(version));
    }
}
