package io.tributary.clients.admin;

import io.tributary.common.TopicPartition;
import java.util.Arrays;
import java.util.List;

/**
 * A member's assignment, decoded from the consumer protocol's assignment bytes.
 *
 * @param version    the assignment's version (-1 when the member has none)
 * @param partitions the partitions assigned
 * @param userData   the assignor's user data, or null
 */
public record MemberAssignment(short version, List<TopicPartition> partitions, byte[] userData) {
    /** No assignment. */
    public static final MemberAssignment EMPTY = new MemberAssignment((short) -1, List.of(), null);

    public MemberAssignment {
        partitions = List.copyOf(partitions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberAssignment m && m.version == version && m.partitions.equals(partitions)
            && Arrays.equals(m.userData, userData);
    }

    @Override
    public int hashCode() {
        return partitions.hashCode() * 31 + Arrays.hashCode(userData) + version;
    }

    @Override
    public String toString() {
        return "MemberAssignment(v" + version + ", " + partitions
            + (userData == null ? "" : ", " + userData.length + " bytes of user data") + ")";
    }
}
