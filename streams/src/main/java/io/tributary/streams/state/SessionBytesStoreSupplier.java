package io.tributary.streams.state;

import java.util.function.Supplier;

/**
 * Makes the {@link BytesStore} under a session store. See {@link Stores#inMemorySessionStore}.
 *
 * @param name        the store's name
 * @param retentionMs how long sessions are kept after their end
 * @param persistent  whether the data lives on disk
 * @param factory     makes a new, unopened bytes store
 */
public record SessionBytesStoreSupplier(String name, long retentionMs, boolean persistent,
                                        Supplier<BytesStore> factory) {
    public SessionBytesStoreSupplier {
        if (retentionMs < 0) {
            throw new IllegalArgumentException("retention : " + retentionMs + " ms (expected: >= 0)");
        }
    }

    /** A new, unopened bytes store. */
    public BytesStore get() {
        return factory.get();
    }
}
