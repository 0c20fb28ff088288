package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** 10,000 keyed records with default settings; the real KafkaConsumer finds each where the producer said. */
@Tag("interop")
class TributaryProducerSmokeTest {
    private static final int RECORDS = 10_000;
    private static final int PARTITIONS = 4;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void sendsKeyedRecordsThatKafkaConsumerReads(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("producer-smoke");
        Topics.create(cluster.bootstrapServers(), topic, PARTITIONS);
        List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
        try (var p = TributaryProducer.create(cluster.clientConfig(), Serdes.STRING_SERIALIZER,
            Serdes.STRING_SERIALIZER)) {
            for (int i = 0; i < RECORDS; i++) {
                fs.add(p.send(new ProducerRecord<>(topic, "k" + i, "v" + i)));
            }
            p.flush();
            for (CompletableFuture<RecordMetadata> f : fs) {
                assertThat(f).isCompleted();
            }
        }
        List<ConsumerRecord<byte[], byte[]>> read = Topics.readAll(cluster.bootstrapServers(), topic, PARTITIONS,
            RECORDS);
        assertThat(read).hasSize(RECORDS);
        for (ConsumerRecord<byte[], byte[]> r : read) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("v" + key.substring(1));
            RecordMetadata m = fs.get(Integer.parseInt(key.substring(1))).join();
            assertThat(m.partition()).isEqualTo(r.partition());
            assertThat(m.offset()).isEqualTo(r.offset());
        }
    }
}
