package io.tributary.broker.handlers;

import io.tributary.broker.group.OffsetManager;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.protocol.message.DeleteGroupsResponse;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteGroups (key 42), versions 0–2: deletes Empty groups and their committed offsets (tombstones in
 * {@code __consumer_offsets}). A group with members gets NON_EMPTY_GROUP, an unknown one GROUP_ID_NOT_FOUND.
 */
public final class DeleteGroupsHandler implements ApiHandler {
    private final OffsetManager offsets;

    public DeleteGroupsHandler(OffsetManager offsets) {
        this.offsets = offsets;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Struct response = DeleteGroupsResponse.SCHEMA.newStruct().set("throttleTimeMs", 0)
            .set("results", new ArrayList<Struct>());
        for (String groupId : request.<String>getArray("groupsNames")) {
            response.addElement("results").set("groupId", groupId)
                .set("errorCode", offsets.deleteGroup(groupId).code());
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
