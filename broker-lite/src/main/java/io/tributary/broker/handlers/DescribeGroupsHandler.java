package io.tributary.broker.handlers;

import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeGroups (key 15), versions 0–5: state, protocol type and chosen protocol of each group and, per member,
 * its client id and host, its metadata for the chosen protocol and the assignment bytes from SyncGroup (empty
 * until the group is Stable). An unknown group is described as "Dead" without members, as Kafka does before v6.
 * Authorized operations (v3+) are not computed (no ACLs): the "not requested" value is returned.
 */
public final class DescribeGroupsHandler implements ApiHandler {
    private final GroupCoordinator coordinator;

    public DescribeGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Struct response = DescribeGroupsResponse.SCHEMA.newStruct().set("throttleTimeMs", 0)
            .set("groups", new ArrayList<Struct>());
        for (String groupId : request.<String>getArray("groups")) {
            GroupCoordinator.GroupDescription d = coordinator.describeGroup(groupId);
            Struct g = response.addElement("groups").set("errorCode", Errors.NONE.code()).set("groupId", groupId)
                .set("groupState", d.state().displayName()).set("protocolType", d.protocolType())
                .set("protocolData", d.protocolName()).set("members", new ArrayList<Struct>())
                .set("authorizedOperations", Integer.MIN_VALUE);
            List<GroupCoordinator.MemberDescription> members = d.members();
            for (GroupCoordinator.MemberDescription m : members) {
                g.addElement("members").set("memberId", m.memberId()).set("groupInstanceId", m.groupInstanceId())
                    .set("clientId", m.clientId()).set("clientHost", m.clientHost())
                    .set("memberMetadata", m.metadata()).set("memberAssignment", m.assignment());
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
