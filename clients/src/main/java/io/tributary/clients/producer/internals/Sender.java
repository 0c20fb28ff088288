package io.tributary.clients.producer.internals;

import io.tributary.clients.Cluster;
import io.tributary.clients.Node;
import io.tributary.clients.internals.BufferRecords;
import io.tributary.clients.internals.Metadata;
import io.tributary.clients.internals.NetworkClient;
import io.tributary.common.Errors;
import io.tributary.common.TimeoutException;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.types.Struct;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's background thread: sends ready batches to partition leaders, handles responses (retries with
 * back-off within {@code delivery.timeout.ms}, metadata refresh on leadership errors) and, with idempotence,
 * obtains a producer id and numbers each partition's batches so the broker drops duplicates and refuses gaps.
 *
 * <p>All state here is owned by this thread; network completions are queued to it.
 */
public final class Sender implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    private static final short PRODUCE_MAX_VERSION = 12; // v13 names topics by id

    /** The sender's settings. */
    public record Settings(short acks, int requestTimeoutMs, int deliveryTimeoutMs, int retries, long retryBackoffMs,
                           long retryBackoffMaxMs, int maxInFlight, int maxRequestSize, boolean idempotent) {
    }

    private final Settings settings;
    private final RecordAccumulator accumulator;
    private final Metadata metadata;
    private final NetworkClient network;
    private final ConcurrentLinkedQueue<Runnable> completions = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeup = lock.newCondition();
    private volatile boolean wakeupPending;
    private volatile boolean running = true;
    private volatile boolean forceClose;

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final Map<Node, Integer> inFlightRequests = new HashMap<>();
    private long producerId = -1;
    private short producerEpoch = -1;
    private boolean initInFlight;
    private long initRetryAt;
    private boolean needsReset;

    private static final class PartitionState {
        int nextSequence;
        /** Whether the broker acknowledged a batch of this partition under the current producer id. */
        boolean acked;
        final ArrayDeque<ProducerBatch> inFlight = new ArrayDeque<>();
    }

    public Sender(Settings settings, RecordAccumulator accumulator, Metadata metadata, NetworkClient network) {
        this.settings = settings;
        this.accumulator = accumulator;
        this.metadata = metadata;
        this.network = network;
        network.onConnectionReady(this::wakeup);
    }

    /** Wakes the thread (new full batch, flush, close, a response). */
    public void wakeup() {
        wakeupPending = true;
        lock.lock();
        try {
            wakeup.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Finishes what is queued, then stops. */
    public void initiateClose() {
        running = false;
        wakeup();
    }

    /** Stops at once, failing what is not done. */
    public void forceClose() {
        forceClose = true;
        running = false;
        wakeup();
    }

    @Override
    public void run() {
        while (running) {
            runOnce();
        }
        while (!forceClose && accumulator.hasIncomplete()) {
            runOnce();
        }
        if (forceClose) {
            TributaryException e = new TributaryException(Errors.UNKNOWN_SERVER_ERROR,
                "the producer was closed before the record was acknowledged");
            accumulator.abortQueued(e);
            for (ProducerBatch b : accumulator.incompleteBatches()) {
                b.fail(e);
                accumulator.deallocate(b);
            }
        }
    }

    void runOnce() {
        try {
            Runnable r;
            while ((r = completions.poll()) != null) {
                r.run();
            }
            long now = System.currentTimeMillis();
            metadata.maybeUpdate();
            for (ProducerBatch b : accumulator.expire(now, settings.deliveryTimeoutMs())) {
                failBatch(b, new TimeoutException("expiring " + b.recordCount() + " record(s) for " + b.tp + ": "
                    + (now - b.createdMs) + " ms has passed since batch creation (delivery.timeout.ms "
                    + settings.deliveryTimeoutMs() + ")"));
            }
            long wait = 100;
            if (settings.idempotent() && !ensureProducerId(now)) {
                await(Math.min(wait, settings.retryBackoffMs()));
                return;
            }
            Cluster cluster = metadata.cluster();
            RecordAccumulator.Readiness ready = accumulator.ready(cluster, now);
            if (ready.unknownLeaders()) {
                metadata.requestUpdate();
                metadata.maybeUpdate();
                wait = Math.min(wait, settings.retryBackoffMs());
            }
            // batches stay queued (filling up, expiring by delivery.timeout.ms) until their leader is connected:
            // drained to an unreachable node each would hold a whole buffer while it waits for the connection
            ready.readyNodes().removeIf(n -> inFlightRequests.getOrDefault(n, 0) >= settings.maxInFlight()
                || !network.ready(n));
            boolean sent = false;
            if (!ready.readyNodes().isEmpty()) {
                Map<Node, List<ProducerBatch>> drained = accumulator.drain(cluster, ready.readyNodes(),
                    settings.maxRequestSize(), now, this::canSend);
                for (Map.Entry<Node, List<ProducerBatch>> e : drained.entrySet()) {
                    send(e.getKey(), e.getValue());
                    sent = true;
                }
            }
            if (!sent) {
                await(Math.min(wait, ready.nextCheckDelayMs()));
            }
        } catch (RuntimeException e) {
            log.error("unexpected error in the producer's sender thread", e);
            await(settings.retryBackoffMs());
        }
    }

    private void await(long ms) {
        if (ms <= 0 || !completions.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (!wakeupPending && completions.isEmpty()) {
                wakeup.await(ms, TimeUnit.MILLISECONDS);
            }
            wakeupPending = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private PartitionState state(TopicPartition tp) {
        return partitions.computeIfAbsent(tp, k -> new PartitionState());
    }

    /** Whether the first queued batch of its partition may go now (ordering rules for idempotence). */
    private boolean canSend(ProducerBatch b) {
        if (forceClose) {
            return false; // a forced close fails queued batches: none may go out meanwhile
        }
        if (!settings.idempotent()) {
            return true;
        }
        PartitionState ps = state(b.tp);
        if (b.baseSequence >= 0 && b.producerId != producerId) {
            b.baseSequence = -1; // numbered under an old producer id: renumber
        }
        if (b.baseSequence >= 0) {
            return ps.inFlight.isEmpty(); // retries go one at a time, in sequence order
        }
        // Until the broker has acknowledged one batch of this producer id for the partition it has no state to
        // detect a gap with, and would accept a later batch after an earlier one failed (a partition just
        // created, say): the earlier batch's retry would then be out of order and its records lost. So the first
        // batch goes alone.
        return ps.inFlight.size() < (ps.acked ? 5 : 1);
    }

    private void send(Node node, List<ProducerBatch> batches) {
        for (ProducerBatch b : batches) {
            if (settings.idempotent()) {
                PartitionState ps = state(b.tp);
                if (b.baseSequence < 0) {
                    b.stamp(producerId, producerEpoch, ps.nextSequence);
                    ps.nextSequence += b.recordCount();
                }
                ps.inFlight.addLast(b);
            } else if (!b.isStamped()) {
                b.stamp(-1, (short) -1, -1);
            }
            b.inFlight = true;
        }
        inFlightRequests.merge(node, 1, Integer::sum);
        Map<String, List<ProducerBatch>> byTopic = new LinkedHashMap<>();
        for (ProducerBatch b : batches) {
            byTopic.computeIfAbsent(b.tp.topic(), k -> new ArrayList<>()).add(b);
        }
        boolean expectResponse = settings.acks() != 0;
        network.send(node, ApiKey.PRODUCE, v -> {
            Struct req = ProduceRequest.SCHEMA.newStruct().set("transactionalId", null).set("acks", settings.acks())
                .set("timeoutMs", settings.requestTimeoutMs());
            req.set("topicData", new ArrayList<Struct>());
            for (Map.Entry<String, List<ProducerBatch>> t : byTopic.entrySet()) {
                Struct td = req.addElement("topicData").set("name", t.getKey());
                td.set("partitionData", new ArrayList<Struct>());
                for (ProducerBatch b : t.getValue()) {
                    td.addElement("partitionData").set("index", b.tp.partition())
                        .set("records", new BufferRecords(b.wireBytes()));
                }
            }
            return req;
        }, PRODUCE_MAX_VERSION, settings.requestTimeoutMs(), expectResponse).whenComplete((resp, err) -> {
            completions.add(() -> onResponse(node, batches, resp, err));
            wakeup();
        });
    }

    private void onResponse(Node node, List<ProducerBatch> batches, NetworkClient.Response resp, Throwable err) {
        inFlightRequests.merge(node, -1, Integer::sum);
        long now = System.currentTimeMillis();
        for (ProducerBatch b : batches) {
            b.inFlight = false;
            if (settings.idempotent()) {
                state(b.tp).inFlight.remove(b);
            }
        }
        if (err != null) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            RuntimeException e = cause instanceof RuntimeException re ? re
                : new TributaryException(Errors.NETWORK_EXCEPTION, cause.toString(), cause);
            metadata.requestUpdate();
            for (ProducerBatch b : batches) {
                retryOrFail(b, e, now);
            }
            return;
        }
        if (resp.body() == null) { // acks=0
            for (ProducerBatch b : batches) {
                completeBatch(b, -1, -1);
            }
            return;
        }
        Map<TopicPartition, Struct> results = new HashMap<>();
        for (Struct t : resp.body().getStructs("responses")) {
            for (Struct p : t.getStructs("partitionResponses")) {
                results.put(new TopicPartition(t.getString("name"), p.getInt32("index")), p);
            }
        }
        for (ProducerBatch b : batches) {
            Struct p = results.get(b.tp);
            if (p == null) {
                retryOrFail(b, new TributaryException(Errors.UNKNOWN_SERVER_ERROR,
                    "the broker's produce response left out " + b.tp), now);
                continue;
            }
            Errors error = Errors.forCode(p.getInt16("errorCode"));
            if (error == Errors.NONE || error == Errors.DUPLICATE_SEQUENCE_NUMBER) {
                completeBatch(b, p.getInt64("baseOffset"), p.getInt64("logAppendTimeMs"));
                continue;
            }
            String message = p.getString("errorMessage");
            TributaryException e = error.exception(b.tp + ": " + (message == null ? error.message() : message)
                + " (" + error + ")");
            if (error == Errors.NOT_LEADER_OR_FOLLOWER || error == Errors.UNKNOWN_TOPIC_OR_PARTITION
                || error == Errors.LEADER_NOT_AVAILABLE) {
                metadata.requestUpdate();
            }
            if (error == Errors.OUT_OF_ORDER_SEQUENCE_NUMBER && earlierPending(b)) {
                // an earlier batch of this partition failed and is being retried: this one follows it
                retryOrFail(b, e, now, true);
            } else {
                retryOrFail(b, e, now);
            }
        }
    }

    /** Whether a batch with a lower sequence of the same partition is queued for retry or still in flight. */
    private boolean earlierPending(ProducerBatch b) {
        for (ProducerBatch other : state(b.tp).inFlight) {
            if (other.baseSequence < b.baseSequence) {
                return true;
            }
        }
        return accumulator.hasRetryBefore(b.tp, b.baseSequence);
    }

    private void retryOrFail(ProducerBatch b, RuntimeException e, long now) {
        retryOrFail(b, e, now, e instanceof TributaryException te && te.isRetriable());
    }

    private void retryOrFail(ProducerBatch b, RuntimeException e, long now, boolean retriable) {
        long backoff = (long) Math.min(settings.retryBackoffMaxMs(),
            settings.retryBackoffMs() * Math.pow(2, Math.min(b.attempts, 20)));
        boolean inTime = now + backoff - b.createdMs < settings.deliveryTimeoutMs();
        if (retriable && !forceClose && b.attempts < settings.retries() && inTime) {
            log.debug("retrying {} record(s) for {} after {}", b.recordCount(), b.tp, e.getMessage());
            accumulator.reenqueue(b, now + backoff);
            return;
        }
        if (retriable && !inTime) {
            e = new TimeoutException("expiring " + b.recordCount() + " record(s) for " + b.tp + ": "
                + (now - b.createdMs) + " ms has passed since batch creation (delivery.timeout.ms "
                + settings.deliveryTimeoutMs() + "); last error: " + e.getMessage(), e);
        }
        failBatch(b, e);
    }

    private void failBatch(ProducerBatch b, RuntimeException e) {
        if (settings.idempotent() && b.baseSequence >= 0 && b.producerId == producerId) {
            needsReset = true; // its sequence numbers are lost: later batches would be out of order
        }
        b.fail(e);
        accumulator.deallocate(b);
    }

    private void completeBatch(ProducerBatch b, long baseOffset, long logAppendTime) {
        if (settings.idempotent() && b.producerId == producerId) {
            state(b.tp).acked = true;
        }
        b.complete(baseOffset, logAppendTime);
        accumulator.deallocate(b);
    }

    /** Returns true once a producer id is known (and no reset is pending). */
    private boolean ensureProducerId(long now) {
        if (needsReset) {
            for (PartitionState ps : partitions.values()) {
                if (!ps.inFlight.isEmpty()) {
                    return false; // wait for in-flight batches before starting over
                }
            }
            needsReset = false;
            producerId = -1;
        }
        if (producerId >= 0) {
            return true;
        }
        if (initInFlight || now < initRetryAt) {
            return false;
        }
        initInFlight = true;
        Node node = metadata.anyNode();
        network.send(node, ApiKey.INIT_PRODUCER_ID, v -> InitProducerIdRequest.SCHEMA.newStruct()
            .set("transactionalId", null).set("transactionTimeoutMs", Integer.MAX_VALUE), (short) 5)
            .whenComplete((resp, err) -> {
                completions.add(() -> {
                    initInFlight = false;
                    Errors error = err != null ? Errors.NETWORK_EXCEPTION
                        : Errors.forCode(resp.body().getInt16("errorCode"));
                    if (error == Errors.NONE) {
                        producerId = resp.body().getInt64("producerId");
                        producerEpoch = resp.body().getInt16("producerEpoch");
                        partitions.clear();
                        log.debug("producer id {} epoch {}", producerId, producerEpoch);
                    } else {
                        log.warn("InitProducerId failed ({}), retrying: {}", error, err == null ? "" : err.toString());
                        initRetryAt = System.currentTimeMillis() + settings.retryBackoffMs();
                    }
                });
                wakeup();
            });
        return false;
    }

    /** The producer id in use, or -1 (for tests). */
    public long producerId() {
        return producerId;
    }
}
