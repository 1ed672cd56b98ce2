package com.example.ingestion.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartnerFileTest {

    private static ObjectCreated created(String key, String version) {
        return new ObjectCreated("event-1", "bucket", key, version, 100);
    }

    @Test
    void aKeyUnderAPartnerFolderNamesThePartnerAndWhereItsReportAndCopyGo() {
        PartnerFile file = PartnerFile.of(created("incoming/acme-books/2026-11-23.jsonl", "v7")).orElseThrow();

        assertThat(file.partnerId()).isEqualTo("acme-books");
        assertThat(file.reportKey()).isEqualTo("reports/acme-books/2026-11-23.jsonl.v7.report.json");
        assertThat(file.processedKey()).isEqualTo("processed/acme-books/2026-11-23.jsonl");
    }

    @Test
    void keysOutsideTheLayoutAreNoPartnerFiles() {
        assertThat(PartnerFile.of(created("incoming/no-folder.jsonl", "v1"))).isEmpty();
        assertThat(PartnerFile.of(created("incoming/Upper/file.jsonl", "v1"))).isEmpty();
        assertThat(PartnerFile.of(created("incoming/acme/deeper/file.jsonl", "v1"))).isEmpty();
    }

    @Test
    void eachFileVersionHasItsOwnStableCorrelationId() {
        String first = PartnerFile.of(created("incoming/acme/a.jsonl", "v1")).orElseThrow().correlationId();

        assertThat(first).matches("file-[0-9a-f]{32}")
                .isEqualTo(PartnerFile.of(created("incoming/acme/a.jsonl", "v1")).orElseThrow().correlationId())
                .isNotEqualTo(PartnerFile.of(created("incoming/acme/a.jsonl", "v2")).orElseThrow().correlationId());
    }
}
