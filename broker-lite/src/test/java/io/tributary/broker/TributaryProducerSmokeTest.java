package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TributaryProducerSmokeTest {
    @TempDir
    Path dir;

    @Test
    void sendsKeyedRecordsThatKafkaConsumerReads() throws Exception {
        try (BrokerLite broker = TestBrokers.start(dir); var admin = TestBrokers.admin(broker)) {
            admin.createTopics(List.of(new NewTopic("t", 4, (short) 1))).all().get();
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            try (var p = TributaryProducer.create(Map.of("bootstrap.servers", broker.bootstrapServers()),
                Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
                for (int i = 0; i < 10_000; i++) {
                    fs.add(p.send(new ProducerRecord<>("t", "k" + i, "v" + i)));
                }
                p.flush();
            }
            for (CompletableFuture<RecordMetadata> f : fs) {
                assertThat(f).isCompleted();
                f.join();
            }
            Properties props = new Properties();
            props.put("bootstrap.servers", broker.bootstrapServers());
            try (var c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> tps = List.of(new TopicPartition("t", 0), new TopicPartition("t", 1),
                    new TopicPartition("t", 2), new TopicPartition("t", 3));
                c.assign(tps);
                c.seekToBeginning(tps);
                int n = 0;
                long deadline = System.currentTimeMillis() + 20_000;
                while (n < 10_000 && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        assertThat(r.value()).isEqualTo("v" + r.key().substring(1));
                        RecordMetadata m = fs.get(Integer.parseInt(r.key().substring(1))).join();
                        assertThat(m.partition()).isEqualTo(r.partition());
                        assertThat(m.offset()).isEqualTo(r.offset());
                        n++;
                    }
                }
                assertThat(n).isEqualTo(10_000);
            }
        }
    }
}
