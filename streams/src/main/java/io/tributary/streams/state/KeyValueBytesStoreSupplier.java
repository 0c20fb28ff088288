package io.tributary.streams.state;

/** Makes the {@link BytesStore} under a key-value store: in memory or persistent. See {@link Stores}. */
public interface KeyValueBytesStoreSupplier {
    /** The store's name. */
    String name();

    /** Whether the stores keep their data on disk. */
    boolean persistent();

    /** A new, unopened bytes store. */
    BytesStore get();
}
