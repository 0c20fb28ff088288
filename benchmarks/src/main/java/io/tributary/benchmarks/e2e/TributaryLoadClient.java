package io.tributary.benchmarks.e2e;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.ConsumerRecords;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/** Tributary's own producer and consumer (module clients), with the same Kafka config names and values. */
final class TributaryLoadClient implements LoadClient {

    @Override
    public Producer producer(String bootstrap, String acks, int lingerMs) {
        TributaryProducer<byte[], byte[]> p = TributaryProducer.create(Workload.producerConfig(bootstrap, acks,
            lingerMs), Serdes.byteArray().serializer(), Serdes.byteArray().serializer());
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
        TributaryConsumer<byte[], byte[]> c = TributaryConsumer.create(Workload.consumerConfig(bootstrap),
            Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer());
        List<TopicPartition> tps = IntStream.range(0, partitions).mapToObj(i -> new TopicPartition(topic, i)).toList();
        c.assign(tps);
        c.seekToBeginning(tps);
        tps.forEach(c::position); // resolve the positions before any clock starts
        return new Reader() {
            @Override
            public long endOffsetSum() {
                return c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
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
