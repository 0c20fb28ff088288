package io.tributary.broker;

import io.tributary.broker.log.BatchHeader;
import io.tributary.broker.log.PartitionLog;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotent-producer state of one partition: per producer id its current epoch and the last five batches
 * (sequence range and offsets), as Kafka keeps it. Decides whether an incoming batch is a retry of one already
 * written (answer with the original offset), the next in sequence (append), or out of order / fenced (error).
 * Rebuilt from the batch headers of the log when first used, so it survives restarts.
 *
 * <p>Thread-safety: callers synchronise on the table around check-append-update.
 */
final class ProducerStateTable {
    static final int CACHED_BATCHES = 5;

    /** One written batch of a producer. */
    record BatchMeta(int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestamp) {
    }

    private static final class Entry {
        short epoch;
        final Deque<BatchMeta> batches = new ArrayDeque<>();
    }

    private final Map<Long, Entry> producers = new HashMap<>();

    /** Builds the table from every idempotent, non-control batch still in {@code log}. */
    static ProducerStateTable rebuild(PartitionLog log) {
        ProducerStateTable table = new ProducerStateTable();
        log.scanBatchHeaders((BatchHeader h) -> {
            if (h.producerId() >= 0 && !h.control() && h.baseSequence() >= 0) {
                int count = (int) (h.lastOffset() - h.baseOffset());
                table.update(h.producerId(), h.producerEpoch(), new BatchMeta(h.baseSequence(),
                    lastSequence(h.baseSequence(), count), h.baseOffset(), h.lastOffset(), h.maxTimestamp()));
            }
        });
        return table;
    }

    /** The sequence of the last record of a batch: base + delta, wrapping from Integer.MAX_VALUE to 0. */
    static int lastSequence(int baseSequence, int lastOffsetDelta) {
        long last = (long) baseSequence + lastOffsetDelta;
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    /**
     * Checks a batch before it is appended.
     *
     * @return the batch already written if this one is a retry of it (do not append), else empty (append)
     * @throws TributaryException INVALID_PRODUCER_EPOCH for an older epoch, OUT_OF_ORDER_SEQUENCE_NUMBER for a gap
     */
    Optional<BatchMeta> check(long producerId, short epoch, int firstSequence, int lastSequence) {
        Entry e = producers.get(producerId);
        if (e == null) {
            return Optional.empty(); // unknown producer (new, or its state is gone): accept any sequence
        }
        if (epoch == e.epoch) {
            for (BatchMeta b : e.batches) {
                if (b.firstSequence() == firstSequence && b.lastSequence() == lastSequence) {
                    return Optional.of(b);
                }
            }
        }
        if (epoch < e.epoch) {
            throw new TributaryException(Errors.INVALID_PRODUCER_EPOCH, "producer " + producerId + " epoch " + epoch
                + " is older than the current epoch " + e.epoch);
        }
        if (epoch > e.epoch) {
            if (firstSequence != 0) {
                throw new TributaryException(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, "producer " + producerId
                    + " starts epoch " + epoch + " at sequence " + firstSequence + " (expected: 0)");
            }
            return Optional.empty();
        }
        int expected = e.batches.isEmpty() ? firstSequence : next(e.batches.peekLast().lastSequence());
        if (firstSequence != expected) {
            throw new TributaryException(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, "producer " + producerId
                + " sent sequence " + firstSequence + " (expected: " + expected + ")");
        }
        return Optional.empty();
    }

    private static int next(int sequence) {
        return sequence == Integer.MAX_VALUE ? 0 : sequence + 1;
    }

    /** Records a batch that was appended. */
    void update(long producerId, short epoch, BatchMeta batch) {
        Entry e = producers.computeIfAbsent(producerId, id -> new Entry());
        if (epoch != e.epoch) {
            e.batches.clear();
            e.epoch = epoch;
        }
        e.batches.addLast(batch);
        while (e.batches.size() > CACHED_BATCHES) {
            e.batches.removeFirst();
        }
    }

    int producerCount() {
        return producers.size();
    }
}
