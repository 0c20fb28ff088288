package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TributaryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Records larger than batch.size, records larger than max.request.size, and many threads sharing one producer. */
@Tag("interop")
class ProducerEdgeTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void recordsLargerThanABatchGoAloneAndTooLargeOnesFail(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("large");
        Topics.create(cluster.bootstrapServers(), topic, 1);
        Map<String, Object> config = cluster.clientConfig();
        config.put("batch.size", 16384);
        config.put("compression.type", "zstd");
        Random random = new Random(7);
        byte[] big = new byte[300_000]; // incompressible: above batch.size, below max.request.size and 1 MB
        random.nextBytes(big);
        try (TributaryProducer<String, byte[]> producer =
                 TributaryProducer.create(config, Serdes.STRING_SERIALIZER, (t, v) -> v)) {
            CompletableFuture<RecordMetadata> small1 = producer.send(new ProducerRecord<>(topic, "a", new byte[10]));
            CompletableFuture<RecordMetadata> large = producer.send(new ProducerRecord<>(topic, "b", big));
            CompletableFuture<RecordMetadata> small2 = producer.send(new ProducerRecord<>(topic, "c", new byte[10]));
            CompletableFuture<RecordMetadata> tooLarge =
                producer.send(new ProducerRecord<>(topic, "d", new byte[2_000_000]));
            producer.flush();
            assertThat(List.of(small1.join().offset(), large.join().offset(), small2.join().offset()))
                .containsExactly(0L, 1L, 2L);
            Throwable t = catchThrowable(tooLarge::join);
            assertThat(t).isInstanceOf(CompletionException.class).cause().isInstanceOf(TributaryException.class)
                .hasMessageContaining("max.request.size");
        }
        List<ConsumerRecord<byte[], byte[]>> read = Topics.readAll(cluster.bootstrapServers(), topic, 1, 3);
        assertThat(read).hasSize(3);
        assertThat(Arrays.equals(read.get(1).value(), big)).as("the large value intact").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void threadsSharingAProducerKeepTheirOwnOrder(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("threads");
        int partitions = 3;
        int threads = 4;
        int perThread = 5000;
        Topics.create(cluster.bootstrapServers(), topic, partitions);
        Map<String, Object> config = cluster.clientConfig();
        config.put("batch.size", 2048);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<List<CompletableFuture<RecordMetadata>>> sent = new ArrayList<>();
        try (TributaryProducer<String, String> producer =
                 TributaryProducer.create(config, Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            List<Future<List<CompletableFuture<RecordMetadata>>>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String key = "thread-" + t;
                jobs.add(pool.submit(() -> {
                    List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        fs.add(producer.send(new ProducerRecord<>(topic, key, Integer.toString(i))));
                    }
                    return fs;
                }));
            }
            for (Future<List<CompletableFuture<RecordMetadata>>> j : jobs) {
                sent.add(j.get(60, TimeUnit.SECONDS));
            }
            producer.flush();
        } finally {
            pool.shutdownNow();
        }
        for (List<CompletableFuture<RecordMetadata>> fs : sent) {
            long previous = -1;
            for (CompletableFuture<RecordMetadata> f : fs) {
                long offset = f.join().offset();
                assertThat(offset).as("a thread's records of one key keep their order").isGreaterThan(previous);
                previous = offset;
            }
        }
        List<ConsumerRecord<byte[], byte[]>> read = Topics.readAll(cluster.bootstrapServers(), topic, partitions,
            threads * perThread);
        assertThat(read).hasSize(threads * perThread);
        Map<String, Integer> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            int value = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8));
            assertThat(value).as("next record of %s", key).isEqualTo(next.getOrDefault(key, 0));
            next.put(key, value + 1);
        }
    }
}
