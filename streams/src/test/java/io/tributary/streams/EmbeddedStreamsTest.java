package io.tributary.streams;

import static org.awaitility.Awaitility.await;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Deserializer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the streams integration tests share: an in-process broker-lite (2 partitions per new topic), an admin client
 * and a string producer for the class, and helpers to create topics, send input, start a topology and read output.
 */
@EmbeddedBroker(properties = {"num.partitions=2"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmbeddedStreamsTest {
    static final Duration WAIT = Duration.ofSeconds(15);

    @BootstrapServers
    String bootstrap;
    Admin admin;
    TributaryProducer<String, String> producer;

    @BeforeAll
    void clients() {
        admin = TributaryAdmin.create(bootstrap);
        producer = TributaryProducer.create(Map.of("bootstrap.servers", bootstrap), Serdes.string().serializer(),
            Serdes.string().serializer());
    }

    @AfterAll
    void closeClients() {
        producer.close();
        admin.close();
    }

    void createTopics(String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, 2, (short) 1));
        }
        admin.createTopics(topics).join();
    }

    void send(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value)).join();
    }

    TributaryStreams start(Topology topology, String applicationId) {
        var streams = new TributaryStreams(topology, Map.of("application.id", applicationId,
            "bootstrap.servers", bootstrap, "commit.interval.ms", "100"));
        streams.start();
        return streams;
    }

    /**
     * Reads {@code topic} from the beginning until {@code count} records arrived; with {@code settle}, polls once
     * more so that anything beyond the expected count (a duplicate, a misrouted record) shows up too.
     */
    <K, V> List<ConsumerRecord<K, V>> read(String topic, int count, Deserializer<K> keys, Deserializer<V> values,
                                           boolean settle) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (var consumer = TributaryConsumer.create(Map.of("bootstrap.servers", bootstrap,
            "group.id", "reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), keys, values)) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
                return out.size() >= count;
            });
            if (settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    void createTopics(int partitions, String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        admin.createTopics(topics).join();
    }

    /** An unstarted instance with the tests' settings plus {@code extra} (which win). */
    TributaryStreams create(Topology topology, String applicationId, Map<String, ?> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("application.id", applicationId,
            "bootstrap.servers", bootstrap, "commit.interval.ms", "100"));
        config.putAll(extra);
        return new TributaryStreams(topology, config);
    }
}
