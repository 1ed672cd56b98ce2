package com.example.tests.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.example.local.eventbridge.EventPattern;
import com.example.tests.eventbridge.RulePatterns;
import com.example.tests.s3.ObjectCreatedEvents;

/**
 * Prefix filtering at the source: the rule that queues partner files for IngestFile, read from
 * template.yaml with the bucket resolved, evaluated by Event Ruler on S3's own events.
 */
class PartnerFileRuleTest {

    /** The rule names its bucket with !Ref PartnerBucket; RulePatterns calls it this. */
    private static final String BUCKET = "ref-of-PartnerBucket";

    private static EventPattern rule() {
        return RulePatterns.of("PartnerFileCreatedRule");
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(textBlock = """
            incoming/acme-books/2026-11-23.jsonl,   ref-of-PartnerBucket, true
            incoming/acme-books/nested/file.jsonl,  ref-of-PartnerBucket, true
            incoming/x.jsonl,                       ref-of-PartnerBucket, true
            processed/acme-books/2026-11-23.jsonl,  ref-of-PartnerBucket, false
            reports/acme-books/a.jsonl.v1.report.json, ref-of-PartnerBucket, false
            incoming-archive/acme/file.jsonl,       ref-of-PartnerBucket, false
            archive/incoming/acme/file.jsonl,       ref-of-PartnerBucket, false
            incoming/acme-books/2026-11-23.csv,     ref-of-PartnerBucket, false
            incoming/acme-books/2026-11-23.jsonl.tmp, ref-of-PartnerBucket, false
            incoming/acme-books/2026-11-23.JSONL,   ref-of-PartnerBucket, false
            incoming/acme-books/2026-11-23.jsonl,   another-bucket, false
            """)
    void onlyJsonlObjectsUnderIncomingOfThePartnerBucketInvokeIngestion(String key, String bucket, boolean invokes) {
        assertThat(rule().matches(ObjectCreatedEvents.of(bucket, key, "v1", 10))).isEqualTo(invokes);
    }

    @org.junit.jupiter.api.Test
    void otherS3EventsOfTheSameKeyDoNotInvokeIt() {
        String created = ObjectCreatedEvents.of(BUCKET, "incoming/acme-books/a.jsonl", "v1", 10);

        assertThat(rule().matches(created)).isTrue();
        assertThat(rule().matches(created.replace("\"Object Created\"", "\"Object Deleted\""))).isFalse();
    }

}
