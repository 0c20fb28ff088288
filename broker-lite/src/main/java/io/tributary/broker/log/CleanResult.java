package io.tributary.broker.log;

/**
 * What one {@link LogCleaner#clean} run did. Immutable.
 *
 * @param firstDirtyOffset   where the next run should start: everything below is compacted (the given value again
 *                           when the run did nothing or was aborted)
 * @param segmentsRewritten  segments replaced by a compacted copy or dropped because compaction emptied them
 * @param bytesBefore        bytes of the rewritten segments before
 * @param bytesAfter         bytes of their compacted copies
 * @param recordsRemoved     records dropped, tombstones included
 * @param tombstonesDropped  tombstones dropped because they were older than delete.retention.ms
 * @param keysMapped         distinct keys in the offset map this run (never above the cleaner's bound)
 * @param aborted            true if a segment vanished (e.g. retention deleted it) and the run stopped early
 */
public record CleanResult(long firstDirtyOffset, int segmentsRewritten, long bytesBefore, long bytesAfter,
                          long recordsRemoved, long tombstonesDropped, int keysMapped, boolean aborted) {
    static CleanResult nothing(long firstDirtyOffset) {
        return new CleanResult(firstDirtyOffset, 0, 0, 0, 0, 0, 0, false);
    }
}
