package io.tributary.broker.group;

import java.util.List;

/**
 * The persisted state of a classic group (written to {@code __consumer_offsets} when a rebalance completes and when
 * the group becomes Empty), from which {@link GroupCoordinator#restore} rebuilds it at start-up.
 *
 * @param protocolType     e.g. "consumer" (null if never set)
 * @param generationId     the current generation
 * @param protocolName     the chosen protocol (null while Empty)
 * @param leaderId         the leader's member id (null while Empty)
 * @param stateTimestampMs when the group entered its current state (for an Empty group: when it became Empty)
 * @param members          the members of the generation; none for an Empty group
 */
public record GroupSnapshot(String protocolType, int generationId, String protocolName, String leaderId,
                            long stateTimestampMs, List<MemberSnapshot> members) {
    /**
     * One member: its ids, client, timeouts, its metadata for the chosen protocol and its assignment.
     */
    public record MemberSnapshot(String memberId, String groupInstanceId, String clientId, String clientHost,
                                 int sessionTimeoutMs, int rebalanceTimeoutMs, byte[] subscription,
                                 byte[] assignment) {
    }
}
