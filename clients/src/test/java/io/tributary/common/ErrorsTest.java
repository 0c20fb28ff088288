package io.tributary.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.RetriableException;
import org.junit.jupiter.api.Test;

/** Our error table against Kafka's: same code, same name, same retriable flag. */
class ErrorsTest {

    @Test
    void everyEntryMatchesKafka() {
        for (Errors ours : Errors.values()) {
            org.apache.kafka.common.protocol.Errors theirs = org.apache.kafka.common.protocol.Errors.forCode(ours.code());
            assertThat(theirs.name()).as("code %d", ours.code()).isEqualTo(ours.name());
            if (ours != Errors.NONE) {
                assertThat(theirs.exception() instanceof RetriableException).as(ours.name() + " retriable")
                    .isEqualTo(ours.isRetriable());
            }
        }
    }

    @Test
    void unknownCodesMapToUnknownServerError() {
        assertThat(Errors.forCode((short) 9999)).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
        assertThat(Errors.forCode((short) 3)).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }
}
