package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.handlers.FetchSessions.CachedPartition;
import io.tributary.broker.handlers.FetchSessions.Key;
import io.tributary.broker.handlers.FetchSessions.Session;
import io.tributary.broker.log.LogReadResult;
import io.tributary.broker.log.PartitionLog;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import io.tributary.common.Uuid;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetch (key 1), versions 4–18, for consumers (replica id -1). Topics are named up to v12 and identified by topic
 * id from v13 (an unknown id answers UNKNOWN_TOPIC_ID). Long poll: when fewer than min.bytes are available the
 * request waits, up to max.wait.ms, for appends to any partition and is answered as soon as enough arrived.
 * Limits: the response's max.bytes and each partition's partition max bytes, except that the first batch found is
 * always returned whole (so a batch larger than the limits still makes progress).
 *
 * <p>Incremental fetch sessions (KIP-227, {@link FetchSessions}): a request with epoch 0 creates a session and gets
 * a full response carrying its id; later requests name only added or changed partitions (and forgotten ones) and get
 * only the partitions with records, an error or a changed high watermark or log start offset; epoch -1 closes the
 * session, or, with session id 0, asks for a sessionless full fetch (what librdkafka and kafkajs send). Without
 * sessions a closing kafka-clients consumer discarded its last in-flight full response as invalid (its session had
 * no partitions left by then), logging it at INFO.
 *
 * <p>Isolation level is ignored (no transactions yet: the last stable offset is the high watermark). Records are
 * answered as segment file ranges, which the network layer sends with sendfile (zero copy).
 */
public final class FetchHandler implements ApiHandler {
    /** Kafka's defaults: max.incremental.fetch.session.cache.slots and min.incremental.fetch.session.eviction.ms. */
    static final int MAX_SESSIONS = 1000;
    static final long SESSION_EVICTION_MS = 120_000;

    private final BrokerContext broker;
    private final FetchSessions sessions = new FetchSessions(MAX_SESSIONS, SESSION_EVICTION_MS);

    public FetchHandler(BrokerContext broker) {
        this.broker = broker;
    }

    /** What a request asks for: the partitions to read in order, and its session (null when sessionless). */
    private record Plan(List<CachedPartition> partitions, Session session, boolean incremental, boolean topicIds,
                        long maxBytes) {
    }

    /** One partition's read. */
    private record PartitionRead(CachedPartition partition, short error, long highWatermark, long logStartOffset,
                                 Object records, int size) {
    }

    /** One evaluation of the request against the logs. */
    private record Attempt(List<PartitionRead> reads, long bytes, boolean hasError) {
    }

    /** The number of live fetch sessions (for tests). */
    int sessionCount() {
        return sessions.size();
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        boolean topicIds = ctx.apiVersion() >= 13;
        Plan plan;
        try {
            plan = plan(request, topicIds);
        } catch (TributaryException e) {
            return CompletableFuture.completedFuture(Response.of(FetchResponse.SCHEMA.newStruct()
                .set("throttleTimeMs", 0).set("errorCode", e.error().code()).set("sessionId", 0)));
        }
        Attempt first = read(plan);
        int maxWaitMs = request.getInt32("maxWaitMs");
        int minBytes = request.getInt32("minBytes");
        // like Kafka, a fetch of no partitions (a session's close, say) is answered at once
        if (first.bytes() >= Math.max(1, minBytes) || maxWaitMs <= 0 || first.hasError()
            || plan.partitions().isEmpty()) {
            return CompletableFuture.completedFuture(Response.of(respond(plan, first)));
        }
        CompletableFuture<Response> result = new CompletableFuture<>();
        AtomicBoolean done = new AtomicBoolean();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (done.get()) {
                return;
            }
            Attempt again = read(plan);
            if ((again.bytes() >= Math.max(1, minBytes) || again.hasError()) && done.compareAndSet(false, true)) {
                broker.arrivals().unregister(listener[0]);
                result.complete(Response.of(respond(plan, again)));
            }
        };
        broker.arrivals().register(listener[0]);
        broker.scheduler().schedule(() -> {
            if (done.compareAndSet(false, true)) {
                broker.arrivals().unregister(listener[0]);
                result.complete(Response.of(respond(plan, read(plan))));
            }
        }, maxWaitMs, TimeUnit.MILLISECONDS);
        listener[0].run(); // data may have arrived between the first read and registering
        return result;
    }

    /** Applies the request to its session, if any: what to read, or a top-level error. */
    private Plan plan(Struct request, boolean topicIds) {
        int sessionId = request.getInt32("sessionId");
        int epoch = request.getInt32("sessionEpoch");
        long now = broker.time().milliseconds();
        long maxBytes = Math.max(0, request.getInt32("maxBytes"));
        List<CachedPartition> requested = new ArrayList<>();
        for (Struct topic : request.getStructs("topics")) {
            String name = topicIds ? null : topic.getString("topic");
            Uuid id = topicIds ? topic.getUuid("topicId") : Uuid.ZERO;
            for (Struct p : topic.getStructs("partitions")) {
                requested.add(new CachedPartition(new Key(name, id, p.getInt32("partition")), p.getInt64("fetchOffset"),
                    p.getInt32("partitionMaxBytes")));
            }
        }
        if (epoch == FetchSessions.FINAL_EPOCH || epoch == FetchSessions.INITIAL_EPOCH) {
            if (sessionId != 0) {
                sessions.remove(sessionId);
            }
            Session created = epoch == FetchSessions.INITIAL_EPOCH && !requested.isEmpty()
                ? sessions.create(requested, topicIds, now) : null;
            return new Plan(requested, created, false, topicIds, maxBytes);
        }
        Session s = sessions.get(sessionId, now);
        if (s == null) {
            throw new TributaryException(Errors.FETCH_SESSION_ID_NOT_FOUND, "no fetch session " + sessionId);
        }
        synchronized (s) {
            if (s.expectedEpoch != epoch) {
                throw new TributaryException(Errors.INVALID_FETCH_SESSION_EPOCH, "fetch session " + sessionId
                    + " expects epoch " + s.expectedEpoch + ", not " + epoch);
            }
            if (s.usesTopicIds != topicIds) {
                sessions.remove(sessionId);
                throw new TributaryException(Errors.FETCH_SESSION_TOPIC_ID_ERROR, "fetch session " + sessionId
                    + (topicIds ? " was created with topic names" : " was created with topic ids"));
            }
            for (Struct forgotten : request.getStructs("forgottenTopicsData")) {
                String name = topicIds ? null : forgotten.getString("topic");
                Uuid id = topicIds ? forgotten.getUuid("topicId") : Uuid.ZERO;
                for (Integer partition : forgotten.<Integer>getArray("partitions")) {
                    s.partitions.remove(new Key(name, id, partition));
                }
            }
            for (CachedPartition p : requested) {
                CachedPartition cached = s.partitions.get(p.key);
                if (cached == null) {
                    s.partitions.put(p.key, p);
                } else {
                    cached.fetchOffset = p.fetchOffset;
                    cached.maxBytes = p.maxBytes;
                }
            }
            s.expectedEpoch = FetchSessions.nextEpoch(epoch);
            return new Plan(s.snapshot(), s, true, topicIds, maxBytes);
        }
    }

    private Attempt read(Plan plan) {
        List<PartitionRead> reads = new ArrayList<>(plan.partitions().size());
        Map<Uuid, Optional<TopicRegistry.Topic>> byId = plan.topicIds() ? new HashMap<>() : Map.of();
        long budget = plan.maxBytes();
        long total = 0;
        boolean anyError = false;
        boolean first = true;
        for (CachedPartition p : plan.partitions()) {
            String name = p.key.topic();
            if (plan.topicIds()) {
                Optional<TopicRegistry.Topic> topic = byId.computeIfAbsent(p.key.topicId(), broker.topics()::byId);
                if (topic.isEmpty()) {
                    reads.add(new PartitionRead(p, Errors.UNKNOWN_TOPIC_ID.code(), -1, -1, null, 0));
                    anyError = true;
                    continue;
                }
                name = topic.get().name();
            }
            Optional<PartitionLog> log = broker.partition(name, p.key.partition());
            if (log.isEmpty()) {
                reads.add(new PartitionRead(p, Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), -1, -1, null, 0));
                anyError = true;
                continue;
            }
            PartitionLog l = log.get();
            long highWatermark = l.highWatermark();
            long logStartOffset = l.logStartOffset();
            try {
                int limit = (int) Math.min(p.maxBytes, budget - total);
                LogReadResult r = l.read(p.fetchOffset, Math.max(0, limit), first);
                int size = r.records().size();
                if (size > 0) {
                    first = false;
                }
                total += size;
                // the segment range itself: the network layer sends it with sendfile, no copy
                reads.add(new PartitionRead(p, Errors.NONE.code(), highWatermark, logStartOffset, r.records(), size));
            } catch (TributaryException e) {
                reads.add(new PartitionRead(p, e.error().code(), highWatermark, logStartOffset, null, 0));
                anyError = true;
            }
        }
        return new Attempt(reads, total, anyError);
    }

    /**
     * The response to send for {@code attempt}: every partition for a full fetch; for an incremental one only those
     * with news, remembering what was sent and moving partitions that returned records to the end of the session.
     */
    private Struct respond(Plan plan, Attempt attempt) {
        Session session = plan.session();
        Struct response = FetchResponse.SCHEMA.newStruct().set("throttleTimeMs", 0)
            .set("errorCode", Errors.NONE.code()).set("sessionId", session == null ? 0 : session.id);
        if (session == null) {
            addPartitions(response, plan, attempt, null);
        } else {
            synchronized (session) {
                addPartitions(response, plan, attempt, session);
            }
        }
        return response;
    }

    private static void addPartitions(Struct response, Plan plan, Attempt attempt, Session session) {
        Struct topicResponse = null;
        Key previous = null;
        for (PartitionRead r : attempt.reads()) {
            CachedPartition p = r.partition();
            if (session != null) {
                boolean news = p.mustRespond(r.size(), r.error(), r.highWatermark(), r.logStartOffset());
                if (plan.incremental()) {
                    if (!news) {
                        continue;
                    }
                    if (r.size() > 0) {
                        session.moveToEnd(p);
                    }
                }
            }
            if (topicResponse == null || !sameTopic(previous, p.key)) {
                topicResponse = response.addElement("responses")
                    .set("topic", p.key.topic() == null ? "" : p.key.topic()).set("topicId", p.key.topicId());
                previous = p.key;
            }
            Struct out = topicResponse.addElement("partitions").set("partitionIndex", p.key.partition())
                .set("errorCode", r.error()).set("highWatermark", r.highWatermark())
                .set("abortedTransactions", List.of());
            if (r.error() == Errors.NONE.code() || r.highWatermark() >= 0) {
                out.set("lastStableOffset", r.highWatermark()).set("logStartOffset", r.logStartOffset());
            }
            out.set("records", r.records() != null ? r.records() : ByteBuffer.allocate(0));
        }
    }

    private static boolean sameTopic(Key a, Key b) {
        return a.topicId().equals(b.topicId()) && java.util.Objects.equals(a.topic(), b.topic());
    }
}
