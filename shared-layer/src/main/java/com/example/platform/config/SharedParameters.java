package com.example.platform.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * Configuration shared by several functions, read from Parameter Store through Powertools with a
 * cache: one {@code GetParameter} per parameter per {@link #CACHE_TTL} and execution environment,
 * and a changed value reaches every function within that time without a deployment.
 */
public final class SharedParameters {

    static final Duration CACHE_TTL = Duration.ofMinutes(1);

    private final SSMProvider provider;

    public SharedParameters(SsmClient ssm) {
        CacheManager cache = new CacheManager();
        cache.setDefaultExpirationTime(CACHE_TTL);
        this.provider = SSMProvider.builder().withClient(ssm).withCacheManager(cache).build();
    }

    public String string(String name) {
        return provider.get(name);
    }

    /** A StringList parameter: comma-separated, entries trimmed, empty entries dropped. */
    public List<String> stringList(String name) {
        return Arrays.stream(string(name).split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }
}
