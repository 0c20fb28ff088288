package io.tributary.clients.admin.internals;

import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-item outcome of an operation on several topics, partitions or resources. Items that got a retriable
 * error stay pending, so the next attempt sends only those (a retried CreateTopics must not re-create a topic it
 * already created). Thread-safe.
 *
 * @param <K> the item (topic name, partition, resource)
 * @param <V> the result per item
 */
final class Batch<K, V> {
    private final Set<K> pending;
    private final Map<K, V> done = new LinkedHashMap<>();
    private final Map<K, TributaryException> failed = new LinkedHashMap<>();
    private TributaryException retriable;

    Batch(Collection<K> items) {
        this.pending = new LinkedHashSet<>(items);
    }

    /** The items still to do; call once at the start of each attempt. */
    synchronized List<K> beginAttempt() {
        retriable = null;
        return new ArrayList<>(pending);
    }

    synchronized void succeed(K item, V value) {
        if (pending.remove(item)) {
            done.put(item, value);
        }
    }

    synchronized void fail(K item, TributaryException e) {
        if (pending.remove(item)) {
            failed.put(item, e);
        }
    }

    /** Records {@code e} for {@code item}: final errors fail it, retriable ones leave it for the next attempt. */
    synchronized void complete(K item, TributaryException e) {
        if (AdminCalls.isRetriable(e)) {
            retriable = e;
        } else {
            fail(item, e);
        }
    }

    /**
     * After an attempt: the results when every item is done, else throws the retriable error that left items
     * pending (the caller's retry loop runs another attempt), or the first final failure.
     */
    synchronized Map<K, V> finish() {
        if (!pending.isEmpty()) {
            if (retriable != null) {
                throw retriable;
            }
            for (K k : new ArrayList<>(pending)) {
                fail(k, new TributaryException(Errors.UNKNOWN_SERVER_ERROR, "the broker sent no result for " + k));
            }
        }
        if (!failed.isEmpty()) {
            TributaryException first = null;
            for (TributaryException e : failed.values()) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
            throw first;
        }
        return new LinkedHashMap<>(done);
    }
}
