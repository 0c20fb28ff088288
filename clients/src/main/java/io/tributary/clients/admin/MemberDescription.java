package io.tributary.clients.admin;

/**
 * A member of a consumer group.
 *
 * @param memberId        the id the coordinator gave it
 * @param groupInstanceId its {@code group.instance.id} (static membership), or null
 * @param clientId        its {@code client.id}
 * @param host            the address it connected from
 * @param assignment      the partitions the leader gave it (empty while the group rebalances)
 */
public record MemberDescription(String memberId, String groupInstanceId, String clientId, String host,
                                MemberAssignment assignment) {
}
