package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tributary.broker.BrokerLite;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.SerializationException;
import io.tributary.clients.serialization.Serdes;
import io.tributary.clients.serialization.Serializer;
import io.tributary.common.TimeoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The producer under faults: a broker that goes away and comes back, unknown topics, serializer errors, close. */
@Tag("interop")
class ProducerFaultTest {
    @TempDir
    Path dir;

    /** A private broker-lite on a fixed port and data directory, so it can be restarted at the same address. */
    private static BrokerLite startBroker(Path dir, int port, String... settings) throws IOException {
        Map<String, String> props = new HashMap<>();
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("log.dirs", dir.toString());
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return BrokerLite.start(props);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        Throwable t = catchThrowable(f::join);
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    @Test
    void brokerRestartRetriesRecoverAndDeliveryTimeoutFailsClearly() throws Exception {
        int port = freePort();
        String bootstrap = "127.0.0.1:" + port;
        String topic = Clusters.uniqueName("restart");
        BrokerLite broker = startBroker(dir, port);
        try {
            Topics.create(bootstrap, topic, 2);
            Map<String, Object> common = new HashMap<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 0,
                "retry.backoff.ms", 50, "retry.backoff.max.ms", 200, "reconnect.backoff.max.ms", 200));
            Map<String, Object> shortConfig = new HashMap<>(common);
            shortConfig.putAll(Map.of("request.timeout.ms", 1000, "delivery.timeout.ms", 2000));
            Map<String, Object> patientConfig = new HashMap<>(common);
            patientConfig.putAll(Map.of("request.timeout.ms", 2000, "delivery.timeout.ms", 60_000));

            List<CompletableFuture<RecordMetadata>> all = new ArrayList<>();
            List<String> values = new ArrayList<>();
            try (TributaryProducer<String, String> impatient =
                     TributaryProducer.create(shortConfig, Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER);
                 TributaryProducer<String, String> patient =
                     TributaryProducer.create(patientConfig, Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
                for (int i = 0; i < 50; i++) {
                    values.add("before-" + i);
                    all.add(impatient.send(new ProducerRecord<>(topic, "k" + i, values.get(values.size() - 1))));
                    values.add("patient-before-" + i);
                    all.add(patient.send(new ProducerRecord<>(topic, "k" + i, values.get(values.size() - 1))));
                }
                CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);

                broker.close();
                List<CompletableFuture<RecordMetadata>> doomed = new ArrayList<>();
                List<CompletableFuture<RecordMetadata>> recovering = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    values.add("down-impatient-" + i);
                    doomed.add(impatient.send(new ProducerRecord<>(topic, "k" + i, values.get(values.size() - 1))));
                    values.add("down-patient-" + i);
                    recovering.add(patient.send(new ProducerRecord<>(topic, "k" + i, values.get(values.size() - 1))));
                }
                all.addAll(doomed);
                all.addAll(recovering);
                // the short delivery.timeout.ms fails the impatient producer's sends with a clear TimeoutException
                for (CompletableFuture<RecordMetadata> f : doomed) {
                    Awaitility.await().atMost(Duration.ofSeconds(15)).until(f::isDone);
                    Throwable t = failureOf(f);
                    assertThat(t).isInstanceOf(TimeoutException.class);
                    assertThat(t.getMessage()).contains(topic).contains("delivery.timeout.ms");
                }
                assertThat(recovering).noneMatch(CompletableFuture::isDone);

                broker = startBroker(dir, port);
                // the patient producer retried across the restart; its pending sends succeed
                CompletableFuture.allOf(recovering.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
                // and both producers keep working on the restarted broker
                for (int i = 0; i < 20; i++) {
                    values.add("after-" + i);
                    all.add(impatient.send(new ProducerRecord<>(topic, "k" + i, values.get(values.size() - 1))));
                    values.add("patient-after-" + i);
                    all.add(patient.send(new ProducerRecord<>(topic, "k" + i, values.get(values.size() - 1))));
                }
                patient.flush();
                impatient.flush();
            }
            // every record whose send succeeded is in the log, exactly once (idempotence: retries add no copies)
            Set<String> succeeded = new HashSet<>();
            for (int i = 0; i < all.size(); i++) {
                CompletableFuture<RecordMetadata> f = all.get(i);
                assertThat(f).isDone();
                if (!f.isCompletedExceptionally()) {
                    succeeded.add(f.join().partition() + "@" + f.join().offset());
                }
            }
            assertThat(succeeded).hasSize(50 + 50 + 20 + 20 + 20);
            List<ConsumerRecord<byte[], byte[]>> read = Topics.readAll(bootstrap, topic, 2, succeeded.size());
            Map<String, String> valueAt = new ConcurrentHashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : read) {
                valueAt.put(r.partition() + "@" + r.offset(), new String(r.value(), StandardCharsets.UTF_8));
            }
            List<String> readValues = new ArrayList<>(valueAt.values());
            assertThat(new HashSet<>(readValues)).as("no record written twice").hasSize(readValues.size());
            for (int i = 0; i < all.size(); i++) {
                CompletableFuture<RecordMetadata> f = all.get(i);
                if (!f.isCompletedExceptionally()) {
                    RecordMetadata m = f.join();
                    assertThat(valueAt.get(m.partition() + "@" + m.offset())).as("record at %s", m)
                        .isEqualTo(expectedValue(values, all, i));
                }
            }
        } finally {
            broker.close();
        }
    }

    /** values were appended in the same order as futures, except doomed/recovering which were added in blocks. */
    private static String expectedValue(List<String> values, List<CompletableFuture<RecordMetadata>> all, int i) {
        // futures: 100 before (interleaved like values), 20 doomed, 20 recovering, 40 after (interleaved)
        if (i < 100 || i >= 140) {
            return values.get(i);
        }
        int j = i - 100;
        return j < 20 ? values.get(100 + 2 * j) : values.get(100 + 2 * (j - 20) + 1);
    }

    @Test
    void unknownTopicFailsAfterMaxBlockMsNamingTheTopic() throws Exception {
        int port = freePort();
        try (BrokerLite broker = startBroker(dir, port, "auto.create.topics.enable", "false");
             TributaryProducer<String, String> producer = TributaryProducer.create(
                 Map.of("bootstrap.servers", broker.bootstrapServers(), "max.block.ms", 1000),
                 Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            String topic = Clusters.uniqueName("no-such-topic");
            long start = System.nanoTime();
            CompletableFuture<RecordMetadata> f = producer.send(new ProducerRecord<>(topic, "k", "v"));
            long blockedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(f).isCompletedExceptionally();
            Throwable t = failureOf(f);
            assertThat(t).isInstanceOf(TimeoutException.class);
            assertThat(t.getMessage()).contains(topic).contains("1000 ms");
            assertThat(blockedMs).isBetween(900L, 5000L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void aThrowingSerializerFailsOnlyItsOwnSend(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("poison");
        Topics.create(cluster.bootstrapServers(), topic, 2);
        Serializer<String> picky = (t, data) -> {
            if ("poison".equals(data)) {
                throw new IllegalArgumentException("no poison here");
            }
            return data.getBytes(StandardCharsets.UTF_8);
        };
        List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
        List<Exception> told = new ArrayList<>();
        try (TributaryProducer<String, String> producer =
                 TributaryProducer.create(cluster.clientConfig(), Serdes.STRING_SERIALIZER, picky)) {
            for (int i = 0; i < 100; i++) {
                String value = i == 50 ? "poison" : "v" + i;
                fs.add(producer.send(new ProducerRecord<>(topic, "k" + i, value), (m, e) -> {
                    if (e != null) {
                        synchronized (told) {
                            told.add(e);
                        }
                    }
                }));
            }
            producer.flush();
        }
        Throwable t = failureOf(fs.get(50));
        assertThat(t).isInstanceOf(SerializationException.class).hasMessageContaining(topic)
            .hasRootCauseMessage("no poison here");
        assertThat(told).hasSize(1);
        assertThat(told.get(0)).isSameAs(t);
        for (int i = 0; i < 100; i++) {
            if (i != 50) {
                assertThat(fs.get(i)).as("send %d", i).isCompleted();
            }
        }
        assertThat(Topics.readAll(cluster.bootstrapServers(), topic, 2, 99)).hasSize(99);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void flushSendsLingeringRecordsAndCloseZeroFailsUnsentOnes(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("linger");
        Topics.create(cluster.bootstrapServers(), topic, 1);
        Map<String, Object> config = cluster.clientConfig();
        config.put("linger.ms", 60_000);
        config.put("batch.size", 1_000_000);
        config.put("delivery.timeout.ms", 200_000);
        try (TributaryProducer<String, String> producer =
                 TributaryProducer.create(config, Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            List<CompletableFuture<RecordMetadata>> fs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fs.add(producer.send(new ProducerRecord<>(topic, "k", "v" + i)));
            }
            long start = System.nanoTime();
            producer.flush(); // does not wait for linger.ms
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(20_000);
            for (int i = 0; i < 100; i++) {
                assertThat(fs.get(i).getNow(null)).as("send %d done after flush", i).isNotNull()
                    .extracting(RecordMetadata::offset).isEqualTo((long) i);
            }

            List<CompletableFuture<RecordMetadata>> unsent = new ArrayList<>();
            List<Exception> told = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                unsent.add(producer.send(new ProducerRecord<>(topic, "k", "w" + i), (m, e) -> {
                    synchronized (told) {
                        told.add(e);
                    }
                }));
            }
            start = System.nanoTime();
            producer.close(Duration.ZERO);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
            for (CompletableFuture<RecordMetadata> f : unsent) {
                assertThat(f).isCompletedExceptionally();
                assertThat(failureOf(f).getMessage()).contains("closed");
            }
            assertThat(told).hasSize(100).allMatch(e -> e != null);
            CompletableFuture<RecordMetadata> late = producer.send(new ProducerRecord<>(topic, "k", "late"));
            assertThat(failureOf(late)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(Topics.readAll(cluster.bootstrapServers(), topic, 1, 100)).hasSize(100);
    }

    @Test
    void sendBlocksAtMostMaxBlockMsWhenBufferMemoryIsFull() throws Exception {
        int port = freePort();
        String topic = Clusters.uniqueName("full");
        BrokerLite broker = startBroker(dir, port);
        try {
            Topics.create(broker.bootstrapServers(), topic, 1);
            Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "buffer.memory", 65536,
                "batch.size", 16384, "max.block.ms", 1000, "linger.ms", 0, "delivery.timeout.ms", 60_000,
                "request.timeout.ms", 30_000);
            TributaryProducer<String, byte[]> producer =
                TributaryProducer.create(config, Serdes.STRING_SERIALIZER, (t, v) -> v);
            try {
                producer.send(new ProducerRecord<>(topic, "k", new byte[10])).get(30, TimeUnit.SECONDS);
                broker.close();
                byte[] kilobyte = new byte[1000];
                CompletableFuture<RecordMetadata> blocked = null;
                long blockedMs = 0;
                List<CompletableFuture<RecordMetadata>> queued = new ArrayList<>();
                for (int i = 0; i < 200 && blocked == null; i++) {
                    long start = System.nanoTime();
                    CompletableFuture<RecordMetadata> f = producer.send(new ProducerRecord<>(topic, "k", kilobyte));
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (f.isCompletedExceptionally()) {
                        blocked = f;
                        blockedMs = ms;
                    } else {
                        queued.add(f);
                    }
                }
                assertThat(blocked).as("a send failed once 64 KiB of buffer.memory were used").isNotNull();
                // four 16 KiB batches of ~16 records each: batches for an unreachable leader stay queued and fill
                // up (drained, each would hold a whole batch.size buffer for one record)
                assertThat(queued.size()).isBetween(40, 70);
                Throwable t = failureOf(blocked);
                assertThat(t).isInstanceOf(TimeoutException.class).hasMessageContaining("max.block.ms")
                    .hasMessageContaining("buffer.memory");
                assertThat(blockedMs).isBetween(900L, 5_000L);
                producer.close(Duration.ZERO);
                assertThat(queued).allMatch(CompletableFuture::isCompletedExceptionally);
            } finally {
                producer.close(Duration.ZERO); // the broker is down: a graceful close would wait delivery.timeout.ms
            }
        } finally {
            broker.close();
        }
    }
}
