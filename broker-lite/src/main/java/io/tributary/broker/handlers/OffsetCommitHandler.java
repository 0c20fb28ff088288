package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.group.CommittedOffset;
import io.tributary.broker.group.OffsetManager;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.types.Struct;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit (key 8), versions 2–9 (v10 names topics by id: not served). Commits go through the
 * {@link OffsetManager}, which validates member and generation (generation -1 only for an Empty or unknown
 * group) and writes them to {@code __consumer_offsets}. Partitions of unknown topics get
 * UNKNOWN_TOPIC_OR_PARTITION; metadata above offset.metadata.max.bytes gets OFFSET_METADATA_TOO_LARGE. The v2–4
 * retention time is ignored (offsets do not expire yet).
 */
public final class OffsetCommitHandler implements ApiHandler {
    private final BrokerContext broker;
    private final OffsetManager offsets;

    public OffsetCommitHandler(BrokerContext broker, OffsetManager offsets) {
        this.broker = broker;
        this.offsets = offsets;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        short version = ctx.apiVersion();
        long now = broker.time().milliseconds();
        Map<TopicPartition, CommittedOffset> commits = new HashMap<>();
        Map<TopicPartition, Errors> errors = new HashMap<>();
        for (Struct t : request.getStructs("topics")) {
            String topic = t.getString("name");
            int partitions = broker.topics().get(topic).map(x -> x.partitions()).orElse(0);
            for (Struct p : t.getStructs("partitions")) {
                TopicPartition tp = new TopicPartition(topic, p.getInt32("partitionIndex"));
                if (tp.partition() < 0 || tp.partition() >= partitions) {
                    errors.put(tp, Errors.UNKNOWN_TOPIC_OR_PARTITION);
                } else {
                    commits.put(tp, new CommittedOffset(p.getInt64("committedOffset"),
                        version >= 6 ? p.getInt32("committedLeaderEpoch") : -1, p.getString("committedMetadata"), now));
                }
            }
        }
        if (!commits.isEmpty()) {
            errors.putAll(offsets.commitOffsets(request.getString("groupId"),
                request.getInt32("generationIdOrMemberEpoch"), request.getString("memberId"),
                version >= 7 ? request.getString("groupInstanceId") : null, commits));
        }
        Struct response = OffsetCommitResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        for (Struct t : request.getStructs("topics")) {
            String topic = t.getString("name");
            Struct rt = response.addElement("topics").set("name", topic);
            for (Struct p : t.getStructs("partitions")) {
                int partition = p.getInt32("partitionIndex");
                Errors e = errors.getOrDefault(new TopicPartition(topic, partition), Errors.UNKNOWN_SERVER_ERROR);
                rt.addElement("partitions").set("partitionIndex", partition).set("errorCode", e.code());
            }
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
