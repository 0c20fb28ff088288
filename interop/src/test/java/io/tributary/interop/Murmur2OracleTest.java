package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.producer.Murmur2;
import java.util.Random;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Keyed records land in the partition kafka-clients would choose: Murmur2 against Kafka's own code. */
class Murmur2OracleTest {
    private static final int[] PARTITION_COUNTS = {1, 3, 4, 12, 50};

    @Test
    void partitionForKeyMatchesKafkaForRandomKeys() {
        Random random = new Random(20261126L);
        for (int i = 0; i < 10_000; i++) {
            // lengths 0..63 cover every tail length (0-3 bytes past the last 4-byte block) many times
            byte[] key = new byte[i < 64 ? i : random.nextInt(i % 7 == 0 ? 1024 : 64)];
            random.nextBytes(key);
            assertThat(Murmur2.hash(key)).as("hash of key %d (%d bytes)", i, key.length).isEqualTo(Utils.murmur2(key));
            for (int n : PARTITION_COUNTS) {
                int expected = BuiltInPartitioner.partitionForKey(key, n);
                assertThat(expected).isEqualTo(Utils.toPositive(Utils.murmur2(key)) % n);
                assertThat(Murmur2.partitionForKey(key, n)).as("key %d (%d bytes), %d partitions", i, key.length, n)
                    .isEqualTo(expected);
            }
        }
    }

    @Test
    void toPositiveClearsTheSignBitLikeKafka() {
        for (int v : new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, -123456789}) {
            assertThat(Murmur2.toPositive(v)).isEqualTo(Utils.toPositive(v));
        }
    }
}
