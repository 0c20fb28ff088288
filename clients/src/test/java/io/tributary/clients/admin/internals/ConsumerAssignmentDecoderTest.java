package io.tributary.clients.admin.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.admin.MemberAssignment;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.junit.jupiter.api.Test;

/** Kafka's own ConsumerProtocol encoder is the oracle for every assignment version. */
class ConsumerAssignmentDecoderTest {
    private static byte[] kafka(short version, List<org.apache.kafka.common.TopicPartition> tps, byte[] userData) {
        ByteBuffer b = ConsumerProtocol.serializeAssignment(new ConsumerPartitionAssignor.Assignment(tps,
            userData == null ? null : ByteBuffer.wrap(userData)), version);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void decodesWhatKafkaEncodesAtEveryVersion() {
        List<org.apache.kafka.common.TopicPartition> tps = List.of(new org.apache.kafka.common.TopicPartition("a", 0),
            new org.apache.kafka.common.TopicPartition("a", 2), new org.apache.kafka.common.TopicPartition("bé", 1));
        for (short v = 0; v <= org.apache.kafka.common.message.ConsumerProtocolAssignment.HIGHEST_SUPPORTED_VERSION; v++) {
            MemberAssignment m = ConsumerAssignmentDecoder.decode(kafka(v, tps, new byte[] {1, 2, 3}));
            assertThat(m.version()).isEqualTo(v);
            assertThat(m.partitions()).containsExactlyInAnyOrder(new TopicPartition("a", 0),
                new TopicPartition("a", 2), new TopicPartition("bé", 1));
            assertThat(m.userData()).containsExactly(1, 2, 3);
            assertThat(ConsumerAssignmentDecoder.decode(kafka(v, List.of(), null)))
                .isEqualTo(new MemberAssignment(v, List.of(), null));
        }
    }

    @Test
    void emptyBytesAreNoAssignmentAndTruncatedOnesAreCorrupt() {
        assertThat(ConsumerAssignmentDecoder.decode(new byte[0])).isEqualTo(MemberAssignment.EMPTY);
        byte[] full = kafka((short) 0, List.of(new org.apache.kafka.common.TopicPartition("topic", 3)), null);
        for (int len = 1; len < full.length - 4; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> ConsumerAssignmentDecoder.decode(cut)).isInstanceOf(TributaryException.class)
                .satisfies(e -> assertThat(((TributaryException) e).error()).isEqualTo(Errors.CORRUPT_MESSAGE));
        }
    }
}
