package io.tributary.streams.kstream.internals;

/**
 * What a table node forwards as the value of an update: the key's new value and its value before (null when the key
 * is new; a null new value deletes the key). {@code toStream} passes on the new value; table aggregations with a
 * subtractor use the old one to take the key's previous contribution out.
 *
 * @param newValue the value after the update, or null for a deletion
 * @param oldValue the value before, or null
 * @param <V>      value type
 */
public record Change<V>(V newValue, V oldValue) {
}
