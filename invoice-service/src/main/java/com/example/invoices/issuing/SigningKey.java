package com.example.invoices.issuing;

import java.util.Objects;

/** One version of the invoice signing key: its Secrets Manager version id and its secret text (never printed). */
public record SigningKey(String version, String secret) {

    public SigningKey {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "SigningKey[version=" + version + "]";
    }
}
