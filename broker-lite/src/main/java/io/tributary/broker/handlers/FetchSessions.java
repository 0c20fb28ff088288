package io.tributary.broker.handlers;

import io.tributary.common.Errors;
import io.tributary.common.Uuid;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The broker's incremental fetch sessions (KIP-227). A session remembers, per partition, what the consumer asked for
 * (fetch offset, partition max bytes) and what the broker last told it (high watermark, log start offset, error), so
 * the consumer's next request names only the partitions that changed and the response carries only the partitions
 * with news. A client creates a session with epoch 0, continues it with epochs 1, 2, … (wrapping to 1 after
 * {@code Integer.MAX_VALUE}), and closes it with epoch -1, which also marks a sessionless full fetch.
 *
 * <p>At most {@code maxSessions} sessions live at a time; when full, a session idle for longer than
 * {@code evictionMs} makes room (the least recently used one); otherwise the new request is served as a sessionless
 * full fetch (session id 0), which every client accepts. Thread-safe; a session's own state is guarded by the
 * session.
 */
final class FetchSessions {
    static final int INITIAL_EPOCH = 0;
    static final int FINAL_EPOCH = -1;

    private final int maxSessions;
    private final long evictionMs;
    private final LinkedHashMap<Integer, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

    FetchSessions(int maxSessions, long evictionMs) {
        this.maxSessions = maxSessions;
        this.evictionMs = evictionMs;
    }

    /** A partition of a fetch: by topic name (Fetch v4-12) or by topic id (v13+). */
    record Key(String topic, Uuid topicId, int partition) {
    }

    /** One partition of a session, or of a sessionless request. */
    static final class CachedPartition {
        final Key key;
        long fetchOffset;
        int maxBytes;
        /** What the broker last answered: -1 until it first answers, so the first answer always carries it. */
        long sentHighWatermark = -1;
        long sentLogStartOffset = -1;
        short sentError = -1;

        CachedPartition(Key key, long fetchOffset, int maxBytes) {
            this.key = key;
            this.fetchOffset = fetchOffset;
            this.maxBytes = maxBytes;
        }

        /**
         * Whether an incremental response must carry this partition with these figures, remembering them as sent if
         * so: records, an error, or a changed high watermark or log start offset.
         */
        boolean mustRespond(int recordBytes, short error, long highWatermark, long logStartOffset) {
            boolean changed = recordBytes > 0 || error != Errors.NONE.code() || error != sentError
                || highWatermark != sentHighWatermark || logStartOffset != sentLogStartOffset;
            sentError = error;
            sentHighWatermark = highWatermark;
            sentLogStartOffset = logStartOffset;
            return changed;
        }
    }

    /** One incremental fetch session. Callers synchronize on it while reading or changing its partitions. */
    static final class Session {
        final int id;
        final boolean usesTopicIds;
        /** The epoch the next request must carry. */
        int expectedEpoch = 1;
        final LinkedHashMap<Key, CachedPartition> partitions = new LinkedHashMap<>();
        volatile long lastUsedMs;

        Session(int id, boolean usesTopicIds, long nowMs) {
            this.id = id;
            this.usesTopicIds = usesTopicIds;
            this.lastUsedMs = nowMs;
        }

        /** The partitions in the session's order, a snapshot. */
        List<CachedPartition> snapshot() {
            return new ArrayList<>(partitions.values());
        }

        /** Moves a partition that just returned records to the end, so the others come first next time. */
        void moveToEnd(CachedPartition p) {
            if (partitions.remove(p.key) != null) {
                partitions.put(p.key, p);
            }
        }
    }

    static int nextEpoch(int epoch) {
        return epoch == Integer.MAX_VALUE ? 1 : epoch + 1;
    }

    /** A new session holding {@code partitions}, or null when the cache is full of recently used sessions. */
    synchronized Session create(List<CachedPartition> partitions, boolean usesTopicIds, long nowMs) {
        if (maxSessions <= 0) {
            return null;
        }
        if (sessions.size() >= maxSessions) {
            Iterator<Map.Entry<Integer, Session>> eldest = sessions.entrySet().iterator();
            Session lru = eldest.next().getValue();
            if (nowMs - lru.lastUsedMs < evictionMs) {
                return null;
            }
            eldest.remove();
        }
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        } while (sessions.containsKey(id));
        Session s = new Session(id, usesTopicIds, nowMs);
        for (CachedPartition p : partitions) {
            s.partitions.put(p.key, p);
        }
        sessions.put(id, s);
        return s;
    }

    synchronized Session get(int id, long nowMs) {
        Session s = sessions.get(id);
        if (s != null) {
            s.lastUsedMs = nowMs;
        }
        return s;
    }

    synchronized void remove(int id) {
        sessions.remove(id);
    }

    synchronized int size() {
        return sessions.size();
    }
}
