package io.tributary.broker.handlers;

import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.message.LeaveGroupResponse;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * LeaveGroup (key 13), versions 0–5: v0–2 remove one member, v3+ a batch (by member id or group.instance.id),
 * each answered on its own. The group then rebalances. The v5 reason is ignored.
 */
public final class LeaveGroupHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public LeaveGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        short version = ctx.apiVersion();
        List<GroupCoordinator.LeavingMember> leaving = new ArrayList<>();
        if (version >= 3) {
            for (Struct m : request.getStructs("members")) {
                leaving.add(new GroupCoordinator.LeavingMember(m.getString("memberId"), m.getString("groupInstanceId")));
            }
        } else {
            leaving.add(new GroupCoordinator.LeavingMember(request.getString("memberId"), null));
        }
        GroupCoordinator.LeaveResult result = coordinator.leave(request.getString("groupId"), leaving);
        Struct response = LeaveGroupResponse.SCHEMA.newStruct().set("throttleTimeMs", 0)
            .set("members", new ArrayList<Struct>());
        if (version >= 3) {
            response.set("errorCode", result.error().code());
            for (int i = 0; i < result.memberErrors().size(); i++) {
                response.addElement("members").set("memberId", leaving.get(i).memberId())
                    .set("groupInstanceId", leaving.get(i).groupInstanceId())
                    .set("errorCode", result.memberErrors().get(i).code());
            }
        } else {
            Errors error = result.error() != Errors.NONE ? result.error() : result.memberErrors().get(0);
            response.set("errorCode", error.code());
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
