package io.tributary.streams;

import java.util.Set;

/**
 * A local stream thread as {@link TributaryStreams#metadataForLocalThreads()} sees it.
 *
 * @param threadName  {@code <application.id>-StreamThread-<n>}
 * @param threadState CREATED, STARTING, PARTITIONS_REVOKED, PARTITIONS_ASSIGNED, RUNNING, PENDING_SHUTDOWN or DEAD
 * @param activeTasks the partition numbers of the tasks it runs
 */
public record ThreadMetadata(String threadName, String threadState, Set<Integer> activeTasks) {
}
