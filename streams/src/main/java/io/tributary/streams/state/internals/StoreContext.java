package io.tributary.streams.state.internals;

import java.nio.file.Path;

/** What a store needs from its task: where to log its writes and where to keep its files. */
public interface StoreContext {
    /** The application id. */
    String applicationId();

    /** The task's partition: the changelog partition of its stores. */
    int partition();

    /** Sends a changelog record to partition {@link #partition()} of {@code topic}, stamped with the current record's time. */
    void logChange(String topic, byte[] key, byte[] value);

    /** The directory of this task's store {@code storeName} (persistent stores keep their files there). */
    Path storeDir(String storeName);

    /** The timestamp of the record being processed (a store's default timestamp for a write). */
    long timestamp();

    /** Sends a changelog record like {@link #logChange(String, byte[], byte[])}, stamped {@code timestamp}. */
    void logChange(String topic, byte[] key, byte[] value, long timestamp);
}
