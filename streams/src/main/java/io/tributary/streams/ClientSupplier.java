package io.tributary.streams;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.consumer.Consumer;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import java.util.Map;

/**
 * Makes the clients a {@link TributaryStreams} instance uses (Kafka Streams' {@code KafkaClientSupplier}). The
 * default, {@link #tributary()}, makes Tributary's own clients; tests may supply mocks.
 */
public interface ClientSupplier {
    /** The main consumer of a stream thread (subscribes with the application's group). */
    Consumer<byte[], byte[]> consumer(Map<String, Object> config);

    /** A consumer without a group that replays changelogs into stores. */
    Consumer<byte[], byte[]> restoreConsumer(Map<String, Object> config);

    /** The producer of a stream thread (output and changelog records). */
    Producer<byte[], byte[]> producer(Map<String, Object> config);

    /** The admin client that creates changelog topics. */
    Admin admin(Map<String, Object> config);

    /** Tributary's clients. */
    static ClientSupplier tributary() {
        return new ClientSupplier() {
            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
                return TributaryConsumer.create(config, Serdes.byteArray().deserializer(),
                    Serdes.byteArray().deserializer());
            }

            @Override
            public Consumer<byte[], byte[]> restoreConsumer(Map<String, Object> config) {
                return consumer(config);
            }

            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> config) {
                return TributaryProducer.create(config, Serdes.byteArray().serializer(),
                    Serdes.byteArray().serializer());
            }

            @Override
            public Admin admin(Map<String, Object> config) {
                return TributaryAdmin.create(config);
            }
        };
    }
}
