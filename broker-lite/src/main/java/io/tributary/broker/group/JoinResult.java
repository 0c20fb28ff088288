package io.tributary.broker.group;

import io.tributary.common.Errors;
import java.util.List;

/**
 * The answer to a JoinGroup. {@code members} is filled only for the leader.
 *
 * @param memberId the member's id (also set with MEMBER_ID_REQUIRED: the id to rejoin with)
 */
public record JoinResult(Errors error, int generationId, String protocolType, String protocolName, String leader,
                         String memberId, List<MemberInfo> members) {
    /** One member as the leader sees it. */
    public record MemberInfo(String memberId, String groupInstanceId, byte[] metadata) {
    }

    static JoinResult error(Errors error, String memberId) {
        return new JoinResult(error, -1, null, null, "", memberId, List.of());
    }
}
