package io.tributary.broker.handlers;

import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.message.HeartbeatResponse;
import io.tributary.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/**
 * Heartbeat (key 12), versions 0–4: renews the member's session. Answers UNKNOWN_MEMBER_ID (Empty group or
 * unknown member), REBALANCE_IN_PROGRESS (PreparingRebalance: rejoin), ILLEGAL_GENERATION, FENCED_INSTANCE_ID
 * or NONE.
 */
public final class HeartbeatHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public HeartbeatHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Errors error = coordinator.heartbeat(request.getString("groupId"), request.getInt32("generationId"),
            request.getString("memberId"), ctx.apiVersion() >= 3 ? request.getString("groupInstanceId") : null);
        return CompletableFuture.completedFuture(Response.of(HeartbeatResponse.SCHEMA.newStruct()
            .set("throttleTimeMs", 0).set("errorCode", error.code())));
    }
}
