package io.tributary.connect.source;

import java.util.Map;

/** What the runtime offers a {@link SourceTask}. */
public interface SourceTaskContext {
    /** The task's configuration. */
    Map<String, String> configs();

    /** The stored source offsets, to resume after a restart. */
    OffsetStorageReader offsetStorageReader();
}
