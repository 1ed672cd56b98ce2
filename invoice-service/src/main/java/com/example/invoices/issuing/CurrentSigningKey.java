package com.example.invoices.issuing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The signing key's current version in Secrets Manager (encrypted with KMS; never an environment
 * variable), re-read once {@link #KEPT_FOR} has passed, so a rotation reaches every warm function
 * within that time.
 */
public final class CurrentSigningKey implements Supplier<SigningKey> {

    static final Duration KEPT_FOR = Duration.ofMinutes(5);

    /** A well-formed version id no secret has: priming asks for it, so the snapshot holds no key. */
    static final String NO_SUCH_VERSION = "00000000-0000-0000-0000-000000000000";

    private final SecretsManagerClient secretsManager;
    private final String secretId;
    private final Clock clock;
    // Written key first, then expiry, and read expiry first: a reader that sees an expiry sees its key.
    private volatile SigningKey key;
    private volatile Instant readAgainAt = Instant.MIN;

    public CurrentSigningKey(SecretsManagerClient secretsManager, String secretId, Clock clock) {
        this.secretsManager = secretsManager;
        this.secretId = secretId;
        this.clock = clock;
    }

    @Override
    public SigningKey get() {
        if (!clock.instant().isBefore(readAgainAt)) {
            GetSecretValueResponse answer = secretsManager.getSecretValue(request -> request.secretId(secretId));
            key = new SigningKey(answer.versionId(), answer.secretString());
            readAgainAt = clock.instant().plus(KEPT_FOR);
        }
        return key;
    }

    /**
     * Runs the whole GetSecretValue path (marshalling, signing, HTTP, the error it answers) for a
     * version that does not exist: a SnapStart snapshot taken after it holds no key, and the first
     * invocation reads the current one.
     */
    public void primeReadPath() {
        try {
            secretsManager.getSecretValue(request -> request.secretId(secretId).versionId(NO_SUCH_VERSION));
        } catch (ResourceNotFoundException expected) {
            // No secret has this version; nothing was read or kept.
        }
    }
}
