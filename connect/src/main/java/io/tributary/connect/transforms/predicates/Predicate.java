package io.tributary.connect.transforms.predicates;

import io.tributary.connect.connector.ConnectRecord;
import java.util.Map;

/**
 * A condition on a record that decides whether a single message transform applies to it (Kafka Connect's KIP-585).
 * Declared in a connector's configuration and referenced by transforms:
 *
 * <pre>
 * predicates=isTombstone
 * predicates.isTombstone.type=org.apache.kafka.connect.transforms.predicates.RecordIsTombstone
 * transforms=dropTombstones
 * transforms.dropTombstones.type=Filter
 * transforms.dropTombstones.predicate=isTombstone
 * </pre>
 *
 * A transform with a predicate runs only on records the predicate accepts ({@code negate=true}: only on the others);
 * the rest pass it unchanged. Configured from the {@code predicates.<name>.*} keys (prefix removed). One instance per
 * task, used from the task's thread only.
 *
 * @param <R> source or sink records
 */
public interface Predicate<R extends ConnectRecord> extends AutoCloseable {
    /**
     * Reads the predicate's settings.
     *
     * @throws io.tributary.common.config.ConfigException naming the bad setting
     */
    void configure(Map<String, String> settings);

    /** Whether the record satisfies the condition. */
    boolean test(R record);

    @Override
    default void close() {
    }
}
