package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our producer and our consumer, end to end, through a group: every record arrives once, in order per key. */
@Tag("interop")
class ConsumerRoundTripTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void ourProducerToOurGroupConsumer(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("rt");
        String group = Clusters.uniqueName("rt-group");
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        int n = 5000;
        try (var producer = TributaryProducer.create(cluster.clientConfig(), Serdes.STRING_SERIALIZER,
            Serdes.STRING_SERIALIZER)) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + (i % 50), Integer.toString(i)));
            }
            producer.flush();
        }
        Map<String, Object> config = cluster.clientConfig();
        config.put("group.id", group);
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try (var consumer = TributaryConsumer.create(config, Serdes.STRING_DESERIALIZER,
            Serdes.STRING_DESERIALIZER)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (got.size() < n && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(got::add);
            }
            assertThat(consumer.assignment()).hasSize(4);
            consumer.commitSync();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
            long total = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertThat(total).isEqualTo(n);
        }
        assertThat(got).hasSize(n);
        Map<String, Integer> last = new HashMap<>();
        for (ConsumerRecord<String, String> r : got) {
            int v = Integer.parseInt(r.value());
            Integer before = last.put(r.key(), v);
            assertThat(before == null || before < v).as("order of %s", r.key()).isTrue();
        }
        assertThat(Set.copyOf(got.stream().map(ConsumerRecord::value).toList())).hasSize(n);
    }
}
