package io.tributary.connect.source;

import java.util.Map;

/** Reads the stored source offsets of the task's connector. Thread-safe. */
public interface OffsetStorageReader {
    /** The last stored offset of {@code partition}, or null when none was stored. */
    Map<String, Object> offset(Map<String, ?> partition);
}
