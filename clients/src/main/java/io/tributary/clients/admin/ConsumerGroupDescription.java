package io.tributary.clients.admin;

import io.tributary.clients.Node;
import java.util.List;

/**
 * A consumer group as its coordinator describes it.
 *
 * @param groupId      the group id
 * @param state        "Stable", "Empty", "PreparingRebalance", "CompletingRebalance" or "Dead"
 * @param protocolType "consumer" (or "" for a group that only commits offsets)
 * @param protocol     the assignor the group chose ("range", "cooperative-sticky", ...), empty when not Stable
 * @param coordinator  the broker coordinating the group
 * @param members      its members
 */
public record ConsumerGroupDescription(String groupId, String state, String protocolType, String protocol,
                                       Node coordinator, List<MemberDescription> members) {
    public ConsumerGroupDescription {
        members = List.copyOf(members);
    }
}
