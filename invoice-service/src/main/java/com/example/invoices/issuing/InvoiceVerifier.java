package com.example.invoices.issuing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Function;

import com.example.invoices.domain.Invoice;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Verifies an invoice's signature under the key version it records, so an invoice signed before a
 * rotation still verifies after it. Apart from {@link InvoiceSigner}: IssueInvoice only signs, and
 * its artifact carries only the classes it reaches.
 */
public final class InvoiceVerifier {

    private final Function<String, Optional<String>> secretOfVersion;

    /**
     * @param secretOfVersion the key's secret by version id, empty when the key has no such version;
     *                        asked for {@link Invoice#KEY_VERSION_NOT_RECORDED}, the current secret
     */
    public InvoiceVerifier(Function<String, Optional<String>> secretOfVersion) {
        this.secretOfVersion = secretOfVersion;
    }

    /** The versions of the key in Secrets Manager; an invoice without a recorded version is checked against the current one. */
    public static InvoiceVerifier ofSecret(SecretsManagerClient secretsManager, String secretId) {
        return new InvoiceVerifier(version -> {
            try {
                return Optional.of(secretsManager.getSecretValue(request -> {
                    request.secretId(secretId);
                    if (!version.equals(Invoice.KEY_VERSION_NOT_RECORDED)) {
                        request.versionId(version);
                    }
                }).secretString());
            } catch (ResourceNotFoundException noSuchVersion) {
                return Optional.empty();
            }
        });
    }

    /** Whether the signature is the one the invoice's fields give under the key version it records; compared in constant time. */
    public boolean verifies(Invoice invoice) {
        return secretOfVersion.apply(invoice.signingKeyVersion())
                .map(secret -> MessageDigest.isEqual(InvoiceSigner.signatureOf(invoice, secret).getBytes(StandardCharsets.US_ASCII),
                        invoice.signature().getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }
}
