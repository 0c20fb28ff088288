package io.tributary.clients.producer.internals;

import io.tributary.clients.Cluster;
import io.tributary.clients.Node;
import io.tributary.clients.producer.Callback;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.common.TopicPartition;
import io.tributary.record.CompressionType;
import io.tributary.record.Header;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Per-partition queues of batches. Application threads append records to the last batch of their partition (a new
 * one when it is full); the sender thread takes the first batch of each partition once it is full, has waited
 * {@code linger.ms}, or a flush or close wants everything out. Retried batches go back to the front of their queue.
 */
public final class RecordAccumulator {
    private final int batchSize;
    private final long lingerMs;
    private final CompressionType compression;
    private final BufferPool pool;
    private final Runnable wakeSender;
    private final ConcurrentHashMap<TopicPartition, Deque<ProducerBatch>> batches = new ConcurrentHashMap<>();
    private final Set<ProducerBatch> incomplete = ConcurrentHashMap.newKeySet();
    private final AtomicInteger flushesInProgress = new AtomicInteger();
    private volatile boolean closed;

    /** What the sender may do now: nodes with a batch to send, and when to look again. */
    public record Readiness(Set<Node> readyNodes, long nextCheckDelayMs, boolean unknownLeaders) {
    }

    public RecordAccumulator(int batchSize, long lingerMs, CompressionType compression, BufferPool pool,
                             Runnable wakeSender) {
        this.batchSize = Math.max(batchSize, 1);
        this.lingerMs = lingerMs;
        this.compression = compression;
        this.pool = pool;
        this.wakeSender = wakeSender;
    }

    /** Appends a record to its partition's open batch, allocating a new batch (maybe blocking) if needed. */
    public CompletableFuture<RecordMetadata> append(TopicPartition tp, long timestamp, byte[] key, byte[] value,
                                                    List<Header> headers, Callback callback, long maxBlockMs)
        throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the producer is closed");
        }
        Deque<ProducerBatch> dq = batches.get(tp);
        if (dq == null) {
            dq = batches.computeIfAbsent(tp, k -> new ArrayDeque<>());
        }
        synchronized (dq) {
            CompletableFuture<RecordMetadata> f = tryAppend(dq, timestamp, key, value, headers, callback);
            if (f != null) {
                return f;
            }
        }
        int size = Math.max(batchSize, ProducerBatch.sizeForSingle(key, value, headers));
        ByteBuffer buffer = pool.allocate(size, maxBlockMs);
        CompletableFuture<RecordMetadata> f;
        synchronized (dq) {
            if (closed) {
                pool.deallocate(buffer);
                throw new IllegalStateException("the producer is closed");
            }
            f = tryAppend(dq, timestamp, key, value, headers, callback);
            if (f != null) {
                pool.deallocate(buffer);
                return f;
            }
            ProducerBatch last = dq.peekLast();
            if (last != null) {
                last.close(compression);
            }
            ProducerBatch batch = new ProducerBatch(tp, buffer, System.currentTimeMillis());
            f = batch.tryAppend(timestamp, key, value, headers, callback);
            dq.addLast(batch);
            incomplete.add(batch);
        }
        // a batch filled up, or a new one started whose linger.ms the sender must time (it may be idle-waiting)
        wakeSender.run();
        return f;
    }

    private static CompletableFuture<RecordMetadata> tryAppend(Deque<ProducerBatch> dq, long timestamp, byte[] key,
                                                               byte[] value, List<Header> headers, Callback cb) {
        ProducerBatch last = dq.peekLast();
        return last == null ? null : last.tryAppend(timestamp, key, value, headers, cb);
    }

    /** Which leaders have a batch to send now, and how long until the next one lingers out. */
    public Readiness ready(Cluster cluster, long now) {
        Set<Node> ready = new HashSet<>();
        long next = Long.MAX_VALUE;
        boolean unknown = false;
        boolean flushing = flushesInProgress.get() > 0 || closed;
        for (Map.Entry<TopicPartition, Deque<ProducerBatch>> e : batches.entrySet()) {
            Deque<ProducerBatch> dq = e.getValue();
            synchronized (dq) {
                ProducerBatch first = dq.peekFirst();
                if (first == null) {
                    continue;
                }
                Node leader = cluster.leaderFor(e.getKey().topic(), e.getKey().partition());
                if (leader == null) {
                    unknown = true;
                    continue;
                }
                if (ready.contains(leader)) {
                    continue;
                }
                long waitUntil = first.attempts > 0 ? first.retryAtMs : first.createdMs + lingerMs;
                boolean full = dq.size() > 1 || first.isFull();
                if ((first.attempts > 0 && now >= first.retryAtMs)
                    || (first.attempts == 0 && (full || flushing || now >= waitUntil))) {
                    ready.add(leader);
                } else {
                    next = Math.min(next, Math.max(0, waitUntil - now));
                }
            }
        }
        return new Readiness(ready, next, unknown);
    }

    /**
     * Takes, for each node, the first batch of each partition it leads that {@code canSend} accepts, up to
     * {@code maxRequestSize} bytes per node (at least one batch).
     */
    public Map<Node, List<ProducerBatch>> drain(Cluster cluster, Set<Node> nodes, int maxRequestSize, long now,
                                                Predicate<ProducerBatch> canSend) {
        Map<Node, List<ProducerBatch>> out = new HashMap<>();
        Map<Node, Integer> sizes = new HashMap<>();
        boolean flushing = flushesInProgress.get() > 0 || closed;
        for (Map.Entry<TopicPartition, Deque<ProducerBatch>> e : batches.entrySet()) {
            TopicPartition tp = e.getKey();
            Node leader = cluster.leaderFor(tp.topic(), tp.partition());
            if (leader == null || !nodes.contains(leader)) {
                continue;
            }
            Deque<ProducerBatch> dq = e.getValue();
            synchronized (dq) {
                ProducerBatch first = dq.peekFirst();
                if (first == null) {
                    continue;
                }
                if (first.attempts > 0 ? now < first.retryAtMs
                    : !(dq.size() > 1 || first.isFull() || flushing || now >= first.createdMs + lingerMs)) {
                    continue;
                }
                if (!canSend.test(first)) {
                    continue;
                }
                first.close(compression);
                int size = sizes.getOrDefault(leader, 0);
                if (size > 0 && size + first.sizeInBytes() > maxRequestSize) {
                    continue;
                }
                dq.pollFirst();
                sizes.put(leader, size + first.sizeInBytes());
                out.computeIfAbsent(leader, k -> new ArrayList<>()).add(first);
            }
        }
        return out;
    }

    /** Puts a batch to retry back at the front of its queue, in base-sequence order among retries. */
    public void reenqueue(ProducerBatch batch, long retryAtMs) {
        batch.attempts++;
        batch.retryAtMs = retryAtMs;
        Deque<ProducerBatch> dq = batches.computeIfAbsent(batch.tp, k -> new ArrayDeque<>());
        synchronized (dq) {
            if (batch.baseSequence < 0) {
                dq.addFirst(batch);
                return;
            }
            List<ProducerBatch> before = new ArrayList<>();
            while (!dq.isEmpty() && dq.peekFirst().attempts > 0 && dq.peekFirst().baseSequence >= 0
                && dq.peekFirst().baseSequence < batch.baseSequence) {
                before.add(dq.pollFirst());
            }
            dq.addFirst(batch);
            for (int i = before.size() - 1; i >= 0; i--) {
                dq.addFirst(before.get(i));
            }
        }
    }

    /** Whether a batch of {@code tp} with a sequence below {@code sequence} waits to be retried. */
    public boolean hasRetryBefore(TopicPartition tp, int sequence) {
        Deque<ProducerBatch> dq = batches.get(tp);
        if (dq == null) {
            return false;
        }
        synchronized (dq) {
            for (ProducerBatch b : dq) {
                if (b.attempts > 0 && b.baseSequence >= 0 && b.baseSequence < sequence) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Removes and returns queued (not in-flight) batches older than {@code deliveryTimeoutMs}. */
    public List<ProducerBatch> expire(long now, long deliveryTimeoutMs) {
        List<ProducerBatch> out = new ArrayList<>();
        for (Deque<ProducerBatch> dq : batches.values()) {
            synchronized (dq) {
                Iterator<ProducerBatch> it = dq.iterator();
                while (it.hasNext()) {
                    ProducerBatch b = it.next();
                    if (now - b.createdMs >= deliveryTimeoutMs) {
                        b.close(compression);
                        it.remove();
                        out.add(b);
                    } else {
                        break; // later batches are younger
                    }
                }
            }
        }
        return out;
    }

    /** Marks a batch finished and returns its memory. */
    public void deallocate(ProducerBatch batch) {
        if (incomplete.remove(batch)) {
            pool.deallocate(batch.buffer());
        }
    }

    /** Whether any batch is queued or in flight. */
    public boolean hasIncomplete() {
        return !incomplete.isEmpty();
    }

    /** Makes every queued batch sendable at once until {@link #endFlush()}. */
    public void beginFlush() {
        flushesInProgress.incrementAndGet();
        wakeSender.run();
    }

    public void endFlush() {
        flushesInProgress.decrementAndGet();
    }

    /** Waits until every batch that existed at the call is done. */
    public void awaitCompletion() throws InterruptedException {
        for (ProducerBatch b : new ArrayList<>(incomplete)) {
            try {
                b.doneFuture().get();
            } catch (java.util.concurrent.ExecutionException e) {
                // the batch reports its own failure to its senders
            }
        }
    }

    /** Stops appends; queued batches become sendable at once. */
    public void close() {
        closed = true;
        pool.close();
        wakeSender.run();
    }

    /** Fails every queued batch (forced close). */
    public void abortQueued(RuntimeException e) {
        for (Deque<ProducerBatch> dq : batches.values()) {
            List<ProducerBatch> aborted;
            synchronized (dq) {
                aborted = new ArrayList<>(dq);
                dq.clear();
            }
            for (ProducerBatch b : aborted) {
                b.fail(e);
                deallocate(b);
            }
        }
    }

    /** Batches neither done nor queued (for a forced close). */
    public List<ProducerBatch> incompleteBatches() {
        return new ArrayList<>(incomplete);
    }
}
