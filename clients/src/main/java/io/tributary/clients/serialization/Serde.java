package io.tributary.clients.serialization;

/**
 * A serializer and deserializer for one type.
 *
 * @param <T> the type
 */
public interface Serde<T> {
    Serializer<T> serializer();

    Deserializer<T> deserializer();

    /** A serde made of the two halves. */
    static <T> Serde<T> of(Serializer<T> serializer, Deserializer<T> deserializer) {
        return new Serde<>() {
            @Override
            public Serializer<T> serializer() {
                return serializer;
            }

            @Override
            public Deserializer<T> deserializer() {
                return deserializer;
            }
        };
    }
}
