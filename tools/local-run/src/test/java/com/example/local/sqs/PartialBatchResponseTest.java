package com.example.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** How the event source mapping reads a function's partial batch response, by Lambda's rules. */
class PartialBatchResponseTest {

    private static final Set<String> BATCH = Set.of("m-1", "m-2", "m-3");

    @Test
    void noResponseAnEmptyOneOrAnEmptyListMeansTheWholeBatchSucceeded() {
        assertThat(read("")).contains(Set.of());
        assertThat(read("null")).contains(Set.of());
        assertThat(read("{}")).contains(Set.of());
        assertThat(read("{\"batchItemFailures\":[]}")).contains(Set.of());
    }

    @Test
    void theNamedMessagesFailAndStay() {
        assertThat(read("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}")).contains(Set.of("m-2"));
    }

    @Test
    void aResponseNamingAMessageOutsideTheBatchOrNoneOrNotJsonFailsTheWholeBatch() {
        assertThat(read("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-9\"}]}")).isEmpty();
        assertThat(read("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}")).isEmpty();
        assertThat(read("{\"batchItemFailures\":[{}]}")).isEmpty();
        assertThat(read("not json")).isEmpty();
    }

    private static Optional<Set<String>> read(String response) {
        return SqsEventSourceMapping.reportedFailures(response.getBytes(StandardCharsets.UTF_8), BATCH);
    }
}
