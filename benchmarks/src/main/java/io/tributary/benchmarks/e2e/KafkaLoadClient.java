package io.tributary.benchmarks.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Apache Kafka's own producer and consumer (kafka-clients). */
final class KafkaLoadClient implements LoadClient {

    @Override
    public Producer producer(String bootstrap, String acks, int lingerMs) {
        KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(new HashMap<>(Workload.producerConfig(bootstrap, acks,
            lingerMs)), new ByteArraySerializer(), new ByteArraySerializer());
        return new Producer() {
            @Override
            public void awaitMetadata(String topic) {
                p.partitionsFor(topic);
            }

            @Override
            public void send(String topic, byte[] value, Consumer<Exception> done) {
                p.send(new ProducerRecord<>(topic, value), (md, e) -> done.accept(e));
            }

            @Override
            public void flush() {
                p.flush();
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }

    @Override
    public Reader reader(String bootstrap, String topic, int partitions) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(new HashMap<>(Workload.consumerConfig(bootstrap)),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> tps = IntStream.range(0, partitions).mapToObj(i -> new TopicPartition(topic, i)).toList();
        c.assign(tps);
        c.seekToBeginning(tps);
        tps.forEach(c::position); // resolve the positions before any clock starts
        return new Reader() {
            @Override
            public long endOffsetSum() {
                Map<TopicPartition, Long> end = c.endOffsets(tps);
                return end.values().stream().mapToLong(Long::longValue).sum();
            }

            @Override
            public int poll(Duration timeout, Consumer<byte[]> values) {
                ConsumerRecords<byte[], byte[]> batch = c.poll(timeout);
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    values.accept(r.value());
                }
                return batch.count();
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }
}
