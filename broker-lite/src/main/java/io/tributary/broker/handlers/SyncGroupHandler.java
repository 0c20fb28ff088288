package io.tributary.broker.handlers;

import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.protocol.message.SyncGroupResponse;
import io.tributary.protocol.types.Struct;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * SyncGroup (key 14), versions 0–5, served by the {@link GroupCoordinator}: the leader hands in every member's
 * assignment; a follower's response waits until the leader's SyncGroup arrives. v5 checks the protocol type and
 * name when given (INCONSISTENT_GROUP_PROTOCOL).
 */
public final class SyncGroupHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public SyncGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        short version = ctx.apiVersion();
        Map<String, byte[]> assignments = new HashMap<>();
        for (Struct a : request.getStructs("assignments")) {
            assignments.put(a.getString("memberId"), a.getBytes("assignment"));
        }
        return coordinator.sync(request.getString("groupId"), request.getInt32("generationId"),
                request.getString("memberId"), version >= 3 ? request.getString("groupInstanceId") : null,
                version >= 5 ? request.getString("protocolType") : null,
                version >= 5 ? request.getString("protocolName") : null, assignments)
            .thenApply(r -> Response.of(SyncGroupResponse.SCHEMA.newStruct().set("throttleTimeMs", 0)
                .set("errorCode", r.error().code()).set("protocolType", r.protocolType())
                .set("protocolName", r.protocolName()).set("assignment", r.assignment())));
    }
}
