package io.tributary.broker.group;

import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one classic group: members, generation, chosen protocol and committed offsets. Every field is
 * guarded by the group's own monitor ({@code synchronized (group)}).
 */
final class Group {
    final String groupId;
    GroupState state = GroupState.EMPTY;
    int generationId;
    String protocolType;
    String protocolName;
    String leaderId;
    /** Members in join order (the first joiner leads when there is no leader yet). */
    final Map<String, Member> members = new LinkedHashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED, with the time by which they must rejoin. */
    final Map<String, Long> pendingMembers = new HashMap<>();
    /** group.instance.id → member id of static members. */
    final Map<String, String> staticMembers = new HashMap<>();
    final Map<TopicPartition, CommittedOffset> offsets = new HashMap<>();
    /** When the current PreparingRebalance phase ends at the latest. */
    long rebalanceDeadlineMs;
    /** While a new group waits group.initial.rebalance.delay.ms: joining completes no earlier than this. */
    long initialDelayUntilMs = -1;
    long rebalanceStartedMs;
    /** In CompletingRebalance: members that have not sent SyncGroup by then are removed. */
    long syncDeadlineMs;
    /**
     * When the group last became Empty after having members (or was loaded at start-up), -1 if it never had
     * members: offset retention counts from here (or from the commit, whichever is later).
     */
    long emptySinceMs = -1;
    /** Whether a group state record may exist in the store (a tombstone is then due when the group goes). */
    boolean stateStored;

    Group(String groupId) {
        this.groupId = groupId;
    }

    boolean is(GroupState s) {
        return state == s;
    }

    int maxRebalanceTimeoutMs() {
        int max = 0;
        for (Member m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs);
        }
        return max;
    }

    boolean allMembersJoined() {
        if (!pendingMembers.isEmpty()) {
            return false;
        }
        for (Member m : members.values()) {
            if (m.awaitingJoin == null) {
                return false;
            }
        }
        return true;
    }
}
