package io.tributary.streams.state;

/**
 * Makes the {@link BytesStore} under a window store, with the window store's shape. See {@link Stores}.
 *
 * @param name              the store's name
 * @param retentionMs       how long windows are kept (at least the window size)
 * @param windowSizeMs      the window size
 * @param retainDuplicates  whether each put adds an entry (stream-stream joins) instead of replacing
 * @param persistent        whether the data lives on disk
 * @param factory           makes a new, unopened bytes store
 */
public record WindowBytesStoreSupplier(String name, long retentionMs, long windowSizeMs, boolean retainDuplicates,
                                       boolean persistent, java.util.function.Supplier<BytesStore> factory) {
    public WindowBytesStoreSupplier {
        if (windowSizeMs <= 0) {
            throw new IllegalArgumentException("windowSize : " + windowSizeMs + " ms (expected: > 0)");
        }
        if (retentionMs < windowSizeMs) {
            throw new IllegalArgumentException("retention : " + retentionMs + " ms (expected: at least the window "
                + "size, " + windowSizeMs + " ms)");
        }
    }

    /** A new, unopened bytes store. */
    public BytesStore get() {
        return factory.get();
    }
}
