package com.example.invoices.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** What reaches Secrets Manager: priming asks for a version no secret has; the current version is kept five minutes. */
class CurrentSigningKeyTest {

    /** A secret with two versions, one current; every request is recorded. */
    private static final class RecordingSecretsManager implements SecretsManagerClient {
        final List<GetSecretValueRequest> requests = new ArrayList<>();
        final Map<String, String> versions = Map.of("v1", "first-key", "v2", "second-key");
        String current = "v2";

        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            requests.add(request);
            String version = request.versionId() == null ? current : request.versionId();
            if (!versions.containsKey(version)) {
                throw ResourceNotFoundException.builder().message("no version " + version).build();
            }
            return GetSecretValueResponse.builder().versionId(version).secretString(versions.get(version)).build();
        }

        @Override
        public String serviceName() {
            return "secretsmanager";
        }

        @Override
        public void close() {
        }
    }

    /** A clock the test moves. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final RecordingSecretsManager secretsManager = new RecordingSecretsManager();
    private final ManualClock clock = new ManualClock();
    private final CurrentSigningKey key = new CurrentSigningKey(secretsManager, "signing-key", clock);

    @Test
    void primingAsksForAVersionNoSecretHasSoTheSnapshotHoldsNoKey() {
        key.primeReadPath();

        assertThat(secretsManager.requests).singleElement().satisfies(request -> {
            assertThat(request.secretId()).isEqualTo("signing-key");
            assertThat(request.versionId()).isEqualTo(CurrentSigningKey.NO_SUCH_VERSION);
        });
        assertThat(key.get()).isEqualTo(new SigningKey("v2", "second-key"));
        assertThat(secretsManager.requests).as("the first signature reads the key: priming kept none").hasSize(2);
    }

    @Test
    void theCurrentVersionIsReadAgainOnlyAfterFiveMinutes() {
        key.get();
        secretsManager.current = "v1";
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(key.get().version()).isEqualTo("v2");

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(key.get().version()).as("a rotation reaches a warm function within five minutes").isEqualTo("v1");
        assertThat(secretsManager.requests).hasSize(2);
    }

    @Test
    void aKeyNeverPrintsItsSecret() {
        assertThat(new SigningKey("v1", "first-key").toString()).doesNotContain("first-key").contains("v1");
    }
}
