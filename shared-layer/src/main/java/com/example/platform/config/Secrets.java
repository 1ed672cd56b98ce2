package com.example.platform.config;

import java.time.Duration;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * Secrets from Secrets Manager (encrypted with KMS), read through Powertools with a cache: never
 * from environment variables, and a rotated secret reaches every function within {@link #CACHE_TTL}.
 */
public final class Secrets {

    static final Duration CACHE_TTL = Duration.ofMinutes(5);

    private final SecretsProvider provider;

    public Secrets(SecretsManagerClient secretsManager) {
        CacheManager cache = new CacheManager();
        cache.setDefaultExpirationTime(CACHE_TTL);
        this.provider = SecretsProvider.builder().withClient(secretsManager).withCacheManager(cache).build();
    }

    /** The secret's current string value, by name or ARN. */
    public String value(String secretId) {
        return provider.get(secretId);
    }
}
