package io.tributary.connect.transforms;

import io.tributary.connect.connector.ConnectRecord;
import java.util.Map;

/**
 * A single message transform: changes one record at a time, in the worker, between a source task and the
 * converter, or between the converter and a sink task. Configured from a connector's
 * {@code transforms.<alias>.*} keys (prefix removed). One instance per task, used from the task's thread only.
 *
 * @param <R> source or sink records
 */
public interface Transformation<R extends ConnectRecord> extends AutoCloseable {
    /**
     * Reads the transform's settings.
     *
     * @throws io.tributary.common.config.ConfigException naming the bad setting
     */
    void configure(Map<String, String> settings);

    /** The changed record (possibly the same one), or null to drop it. */
    R apply(R record);

    @Override
    default void close() {
    }
}
