package io.tributary.streams.kstream;

import io.tributary.clients.serialization.Serde;
import java.util.Objects;

/**
 * How a source topic is read: the serdes of its keys and values.
 *
 * <pre>{@code builder.stream("orders", Consumed.with(Serdes.string(), Serdes.json(Order.class)))}</pre>
 *
 * @param keySerde   reads keys
 * @param valueSerde reads values
 * @param <K>        key type
 * @param <V>        value type
 */
public record Consumed<K, V>(Serde<K> keySerde, Serde<V> valueSerde) {
    public Consumed {
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** Reads keys with {@code keySerde} and values with {@code valueSerde}. */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde);
    }
}
