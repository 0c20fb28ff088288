package io.tributary.streams.state.internals;

/**
 * A value with the timestamp of the record that last set it, as a {@link TimestampedKeyValueStore} keeps it: table
 * operators need it to stamp their output (a table-table join emits the larger timestamp of its two sides).
 *
 * @param value     the value, never null
 * @param timestamp its timestamp in ms
 * @param <V>       value type
 */
public record ValueAndTimestamp<V>(V value, long timestamp) {
    /** The value of {@code vt}, or null when {@code vt} is null. */
    public static <V> V valueOrNull(ValueAndTimestamp<V> vt) {
        return vt == null ? null : vt.value();
    }
}
