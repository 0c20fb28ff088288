package io.tributary.broker.handlers;

import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.group.JoinProtocol;
import io.tributary.broker.group.JoinResult;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.types.Struct;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup (key 11), versions 0–9, served by the {@link GroupCoordinator}. The response is delayed until the
 * rebalance completes. v4+: a new member without group.instance.id first gets MEMBER_ID_REQUIRED and its id.
 * v0 has no rebalance timeout: the session timeout is used. Not yet: skipAssignment (v9, KIP-814) is always false.
 */
public final class JoinGroupHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public JoinGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        short version = ctx.apiVersion();
        int session = request.getInt32("sessionTimeoutMs");
        int rebalance = version >= 1 ? request.getInt32("rebalanceTimeoutMs") : session;
        List<JoinProtocol> protocols = new ArrayList<>();
        for (Struct p : request.getStructs("protocols")) {
            protocols.add(new JoinProtocol(p.getString("name"), p.getBytes("metadata")));
        }
        GroupCoordinator.JoinRequest join = new GroupCoordinator.JoinRequest(request.getString("groupId"),
            request.getString("memberId"), version >= 5 ? request.getString("groupInstanceId") : null,
            ctx.clientId(), host(ctx), session, rebalance, request.getString("protocolType"), protocols,
            version >= 4);
        return coordinator.join(join).thenApply(r -> Response.of(toStruct(r, version)));
    }

    static String host(RequestContext ctx) {
        if (ctx.remoteAddress() instanceof InetSocketAddress a) {
            return "/" + a.getAddress().getHostAddress();
        }
        return "";
    }

    private static Struct toStruct(JoinResult r, short version) {
        Struct s = JoinGroupResponse.SCHEMA.newStruct().set("throttleTimeMs", 0).set("errorCode", r.error().code())
            .set("generationId", r.generationId()).set("protocolType", r.protocolType())
            .set("protocolName", r.protocolName() == null && version < 7 ? "" : r.protocolName())
            .set("leader", r.leader() == null ? "" : r.leader()).set("skipAssignment", false)
            .set("memberId", r.memberId() == null ? "" : r.memberId())
            .set("members", new ArrayList<Struct>());
        for (JoinResult.MemberInfo m : r.members()) {
            s.addElement("members").set("memberId", m.memberId()).set("groupInstanceId", m.groupInstanceId())
                .set("metadata", m.metadata());
        }
        return s;
    }
}
