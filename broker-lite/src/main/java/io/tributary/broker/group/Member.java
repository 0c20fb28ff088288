package io.tributary.broker.group;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One member of a classic group. Guarded by the lock of its {@link Group}. */
final class Member {
    String memberId;
    final String groupInstanceId;
    String clientId;
    String clientHost;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    List<JoinProtocol> protocols;
    byte[] assignment = new byte[0];
    long sessionDeadlineMs;
    CompletableFuture<JoinResult> awaitingJoin;
    CompletableFuture<SyncResult> awaitingSync;

    Member(String memberId, String groupInstanceId, String clientId, String clientHost, int sessionTimeoutMs,
           int rebalanceTimeoutMs, List<JoinProtocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.protocols = protocols;
    }

    boolean supports(String protocol) {
        return protocols.stream().anyMatch(p -> p.name().equals(protocol));
    }

    byte[] metadata(String protocol) {
        for (JoinProtocol p : protocols) {
            if (p.name().equals(protocol)) {
                return p.metadata();
            }
        }
        return new byte[0];
    }

    boolean sameProtocols(List<JoinProtocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!other.get(i).name().equals(protocols.get(i).name())
                || !java.util.Arrays.equals(other.get(i).metadata(), protocols.get(i).metadata())) {
                return false;
            }
        }
        return true;
    }
}
