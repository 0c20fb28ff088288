package io.tributary.broker.handlers;

import io.tributary.broker.group.CommittedOffset;
import io.tributary.broker.group.OffsetManager;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.message.OffsetFetchResponse;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetFetch (key 9), versions 1–9 (v10 names topics by id: not served); v8+ asks for several groups at once.
 * A partition without a committed offset answers offset -1 and empty metadata; a null topic list (v2+) returns
 * every committed offset of the group. requireStable (v7+) is ignored: there are no pending transactional
 * offsets. Offsets are loaded synchronously at start-up, so COORDINATOR_LOAD_IN_PROGRESS is never returned.
 */
public final class OffsetFetchHandler implements ApiHandler {
    private final OffsetManager offsets;

    public OffsetFetchHandler(OffsetManager offsets) {
        this.offsets = offsets;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        short version = ctx.apiVersion();
        Struct response = OffsetFetchResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        if (version >= 8) {
            for (Struct g : request.getStructs("groups")) {
                Struct rg = response.addElement("groups").set("groupId", g.getString("groupId"))
                    .set("errorCode", Errors.NONE.code()).set("topics", new ArrayList<Struct>());
                fill(g.getString("groupId"), g.getStructs("topics"), rg);
            }
        } else {
            response.set("errorCode", Errors.NONE.code()).set("topics", new ArrayList<Struct>());
            fill(request.getString("groupId"), request.getStructs("topics"), response);
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }

    /** Adds the answer for one group's request topics (null: everything committed) to {@code out}. */
    private void fill(String groupId, List<Struct> topics, Struct out) {
        Map<String, Map<Integer, CommittedOffset>> byTopic = new TreeMap<>();
        if (topics == null) {
            offsets.fetchOffsets(groupId, null).forEach((tp, o) ->
                byTopic.computeIfAbsent(tp.topic(), k -> new TreeMap<>()).put(tp.partition(), o));
        } else {
            List<TopicPartition> wanted = new ArrayList<>();
            for (Struct t : topics) {
                for (Integer p : t.<Integer>getArray("partitionIndexes")) {
                    wanted.add(new TopicPartition(t.getString("name"), p));
                }
            }
            Map<TopicPartition, CommittedOffset> found = offsets.fetchOffsets(groupId, wanted);
            for (TopicPartition tp : wanted) {
                byTopic.computeIfAbsent(tp.topic(), k -> new TreeMap<>()).put(tp.partition(), found.get(tp));
            }
        }
        for (Map.Entry<String, Map<Integer, CommittedOffset>> t : byTopic.entrySet()) {
            Struct rt = out.addElement("topics").set("name", t.getKey());
            for (Map.Entry<Integer, CommittedOffset> p : t.getValue().entrySet()) {
                CommittedOffset o = p.getValue();
                rt.addElement("partitions").set("partitionIndex", p.getKey())
                    .set("committedOffset", o == null ? -1L : o.offset())
                    .set("committedLeaderEpoch", o == null ? -1 : o.leaderEpoch())
                    .set("metadata", o == null || o.metadata() == null ? "" : o.metadata())
                    .set("errorCode", Errors.NONE.code());
            }
        }
    }
}
