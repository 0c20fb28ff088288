package io.tributary.clients.admin;

/**
 * A consumer group as ListGroups names it.
 *
 * @param groupId      the group id
 * @param state        its state ("Stable", "Empty", "PreparingRebalance", ...), or "Unknown" from brokers before
 *                     ListGroups v4
 * @param protocolType "consumer", or "" for a group that only commits offsets
 */
public record ConsumerGroupListing(String groupId, String state, String protocolType) {
}
