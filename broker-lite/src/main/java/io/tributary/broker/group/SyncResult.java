package io.tributary.broker.group;

import io.tributary.common.Errors;

/** The answer to a SyncGroup: the member's own assignment bytes. */
public record SyncResult(Errors error, String protocolType, String protocolName, byte[] assignment) {
    static SyncResult error(Errors error) {
        return new SyncResult(error, null, null, new byte[0]);
    }
}
