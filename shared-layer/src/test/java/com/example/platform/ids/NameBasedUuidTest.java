package com.example.platform.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class NameBasedUuidTest {

    @Test
    void matchesTheRfcExampleForTheDnsNamespace() {
        // RFC 9562, appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        assertThat(NameBasedUuid.of(dns, "www.example.com")).isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    @Test
    void theSameNameGivesTheSameIdAndAnotherNameAnother() {
        UUID namespace = UUID.randomUUID();

        assertThat(NameBasedUuid.of(namespace, "a")).isEqualTo(NameBasedUuid.of(namespace, "a"))
                .isNotEqualTo(NameBasedUuid.of(namespace, "b"));
        assertThat(NameBasedUuid.of(namespace, "a").version()).isEqualTo(5);
    }
}
