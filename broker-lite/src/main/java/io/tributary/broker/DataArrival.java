package io.tributary.broker;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wakes fetch requests that are waiting for data (long poll): a waiting fetch registers a listener; every append
 * fires all listeners, which re-check their partitions and remove themselves once done. Thread-safe.
 */
public final class DataArrival {
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void register(Runnable listener) {
        listeners.add(listener);
    }

    public void unregister(Runnable listener) {
        listeners.remove(listener);
    }

    /** Called after records were appended. */
    public void fire() {
        for (Runnable r : listeners) {
            r.run();
        }
    }

    int waiting() {
        return listeners.size();
    }
}
