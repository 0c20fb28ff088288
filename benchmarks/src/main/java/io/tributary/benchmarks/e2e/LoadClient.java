package io.tributary.benchmarks.e2e;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * One client library (kafka-clients or Tributary's) behind the few operations the workload needs, so that both
 * run exactly the same load code. Both are configured alike: byte-array values, no key, idempotence off.
 */
interface LoadClient {

    /** A producer of byte-array values. */
    interface Producer extends AutoCloseable {
        /** Fetches the topic's metadata, so that the clock does not include it. */
        void awaitMetadata(String topic);

        /** Sends one value; {@code done} runs with null on success or the error. */
        void send(String topic, byte[] value, Consumer<Exception> done);

        void flush();

        @Override
        void close();
    }

    /** A consumer assigned every partition of one topic, positioned at the beginning. */
    interface Reader extends AutoCloseable {
        /** The sum of the partitions' end offsets. */
        long endOffsetSum();

        /** Polls once, hands every record's value to {@code values}, returns how many records there were. */
        int poll(Duration timeout, Consumer<byte[]> values);

        @Override
        void close();
    }

    /** A producer with {@code acks}, {@code linger.ms}, {@code batch.size} 64 KiB, idempotence off. */
    Producer producer(String bootstrap, String acks, int lingerMs);

    /** A consumer (no group, no auto-commit) of every partition of {@code topic}, from offset 0. */
    Reader reader(String bootstrap, String topic, int partitions);
}
