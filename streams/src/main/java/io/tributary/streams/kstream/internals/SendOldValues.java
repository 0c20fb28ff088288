package io.tributary.streams.kstream.internals;

/**
 * Whether a table node forwards old values with its updates, decided while the topology is built (downstream
 * operators switch it on, as in Kafka Streams) and read by the node when its task starts. It matters where Kafka
 * Streams' output depends on it: a filter that sends old values drops an update that matches neither before nor
 * after, one that does not sends a tombstone instead.
 */
final class SendOldValues {
    private volatile boolean enabled;

    SendOldValues(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    void enable() {
        enabled = true;
    }
}
