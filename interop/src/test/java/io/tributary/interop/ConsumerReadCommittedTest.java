package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.common.TopicPartition;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * isolation.level=read_committed hides aborted transactions and transaction markers. Kafka only: broker-lite has
 * no transactions.
 */
@Tag("interop")
class ConsumerReadCommittedTest {
    @Test
    void abortedRecordsAreNotReturned() throws Exception {
        TestCluster cluster = Clusters.kafka();
        String topic = Clusters.uniqueName("txn");
        ConsumerFixtures.createTopic(cluster, topic, 1);
        Map<String, Object> pc = cluster.clientConfig();
        pc.put("transactional.id", Clusters.uniqueName("txn-id"));
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(pc, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "aborted-" + i));
            }
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "committed-" + i));
            }
            producer.commitTransaction();
        }
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (var c = ConsumerFixtures.ours(cluster, null, Map.of("isolation.level", "read_committed"))) {
            c.assign(List.of(p0));
            c.seekToBeginning(List.of(p0));
            List<ConsumerRecord<String, String>> got = ConsumerFixtures.pollUntil(c, 5);
            assertThat(got).extracting(ConsumerRecord::value)
                .containsExactly("committed-0", "committed-1", "committed-2", "committed-3", "committed-4");
            assertThat(c.position(p0)).isEqualTo(12); // 5 aborted, a marker, 5 committed, a marker
        }
        try (var c = ConsumerFixtures.ours(cluster, null, Map.of())) { // read_uncommitted sees all ten
            c.assign(List.of(p0));
            c.seekToBeginning(List.of(p0));
            assertThat(ConsumerFixtures.pollUntil(c, 10)).hasSize(10);
        }
    }
}
