package io.tributary.broker.handlers;

import io.tributary.broker.group.GroupCoordinator;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.message.ListGroupsResponse;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * ListGroups (key 16), versions 0–5: every group the coordinator knows, with its protocol type, state (v4+) and
 * type (v5+, always "classic"). The v4 states filter and the v5 types filter match case-insensitively; an empty
 * filter matches everything.
 */
public final class ListGroupsHandler implements ApiHandler {
    private static final String CLASSIC = "classic";
    private final GroupCoordinator coordinator;

    public ListGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        short version = ctx.apiVersion();
        List<String> states = lower(version >= 4 ? request.getArray("statesFilter") : null);
        List<String> types = lower(version >= 5 ? request.getArray("typesFilter") : null);
        Struct response = ListGroupsResponse.SCHEMA.newStruct().set("throttleTimeMs", 0)
            .set("errorCode", Errors.NONE.code()).set("groups", new ArrayList<Struct>());
        for (GroupCoordinator.GroupOverview g : coordinator.listGroups()) {
            String state = g.state().displayName();
            if ((states.isEmpty() || states.contains(state.toLowerCase(Locale.ROOT)))
                && (types.isEmpty() || types.contains(CLASSIC))) {
                response.addElement("groups").set("groupId", g.groupId()).set("protocolType", g.protocolType())
                    .set("groupState", state).set("groupType", CLASSIC);
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }

    private static List<String> lower(List<String> filter) {
        return filter == null ? List.of() : filter.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
