package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.PartitionInfo;
import io.tributary.clients.admin.Admin;
import io.tributary.clients.consumer.Consumer;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.MockConsumer;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.producer.MockProducer;
import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.record.TimestampType;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Produced;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The commit discipline of the stream thread, with mock clients: offsets are committed only after every record
 * sent for them is acknowledged, and never when a send failed.
 */
class AtLeastOnceTest {
    private static final TopicPartition IN = new TopicPartition("in", 0);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final MockProducer<byte[], byte[]> mockProducer =
        new MockProducer<>(false, Serdes.byteArray().serializer(), Serdes.byteArray().serializer());
    private final RecordingConsumer consumer = new RecordingConsumer();
    private TributaryStreams streams;

    /** Records each commit with the number of sends still unacknowledged at that moment. */
    private final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        RecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            events.add("commit " + offsets.get(IN).offset() + " unacknowledged=" + mockProducer.pendingCount());
            super.commitSync(offsets);
        }
    }

    /** A producer whose flush acknowledges (or, if told, fails) every pending send, recording that it did. */
    private final class FlushingProducer implements Producer<byte[], byte[]> {
        private final boolean failSends;

        FlushingProducer(boolean failSends) {
            this.failSends = failSends;
        }

        @Override
        public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
            return mockProducer.send(record);
        }

        @Override
        public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record,
                                                      io.tributary.clients.producer.Callback callback) {
            events.add("send " + new String(record.value(), StandardCharsets.UTF_8));
            return mockProducer.send(record, callback);
        }

        @Override
        public void flush() {
            events.add("flush");
            if (failSends) {
                while (mockProducer.errorNext(new IllegalStateException("broker unavailable"))) {
                    // fail each pending send
                }
            } else {
                mockProducer.flush();
            }
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            return mockProducer.partitionsFor(topic);
        }

        @Override
        public void close() {
            mockProducer.close();
        }

        @Override
        public void close(Duration timeout) {
            mockProducer.close();
        }
    }

    private ClientSupplier clients(boolean failSends) {
        return new ClientSupplier() {
            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
                return consumer;
            }

            @Override
            public Consumer<byte[], byte[]> restoreConsumer(Map<String, Object> config) {
                return new MockConsumer<>("earliest");
            }

            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> config) {
                return new FlushingProducer(failSends);
            }

            @Override
            public Admin admin(Map<String, Object> config) {
                throw new UnsupportedOperationException("a stateless topology needs no admin client");
            }
        };
    }

    private TributaryStreams start(boolean failSends) {
        return start(failSends, "none", (now, before) -> { });
    }

    private TributaryStreams start(boolean failSends, String poison, TributaryStreams.StateListener listener) {
        return start(failSends, poison, listener, Map.of());
    }

    private TributaryStreams start(boolean failSends, String poison, TributaryStreams.StateListener listener,
                                   Map<String, String> extra) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.string(), Serdes.string()))
            .peek((k, v) -> {
                if (v.equals(poison)) {
                    throw new IllegalArgumentException("cannot handle " + v);
                }
            })
            .map((k, v) -> KeyValue.pair(k, v.toUpperCase()))
            .to("out", Produced.with(Serdes.string(), Serdes.string()));
        Map<String, String> config = new java.util.HashMap<>(Map.of("application.id", "alo",
            "bootstrap.servers", "unused:1", "commit.interval.ms", "50", "poll.ms", "10"));
        config.putAll(extra);
        streams = new TributaryStreams(builder.build(), config, clients(failSends));
        streams.setStateListener(listener);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(IN));
            for (int i = 0; i < 3; i++) {
                consumer.addRecord(new ConsumerRecord<>("in", 0, i, 1000L + i, TimestampType.CREATE_TIME,
                    ("k" + i).getBytes(StandardCharsets.UTF_8), ("v" + i).getBytes(StandardCharsets.UTF_8), List.of(),
                    2, 2));
            }
        });
        streams.start();
        return streams;
    }

    @AfterEach
    void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void offsetsAreCommittedOnlyAfterTheOutputIsAcknowledged() {
        start(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("commit 3 unacknowledged=0"));

        assertThat(events.subList(0, events.indexOf("commit 3 unacknowledged=0") + 1))
            .containsExactly("send V0", "send V1", "send V2", "flush", "commit 3 unacknowledged=0");
        assertThat(mockProducer.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
            .containsExactly("V0", "V1", "V2");
        assertThat(mockProducer.history()).extracting(ProducerRecord::timestamp).containsExactly(1000L, 1001L, 1002L);
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.RUNNING);
    }

    @Test
    void aFailedSendStopsTheThreadWithoutCommitting() {
        start(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.state() == TributaryStreams.State.ERROR);

        assertThat(consumer.committedOffsets()).isEmpty();
        assertThat(events).contains("flush").noneMatch(e -> e.startsWith("commit"));
        assertThat(streams.failure()).isInstanceOf(StreamsException.class).hasMessageContaining("broker unavailable");
        // ERROR is terminal (as in Kafka Streams since KIP-696): closing keeps it
        assertThat(streams.close(Duration.ofSeconds(5))).isTrue();
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.ERROR);
    }

    @Test
    void anExceptionInAnOperatorStopsTheThreadInErrorWithoutCommitting() {
        List<TributaryStreams.State> states = new CopyOnWriteArrayList<>();
        start(false, "v1", (now, before) -> states.add(now));
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.state() == TributaryStreams.State.ERROR);

        assertThat(streams.failure()).isInstanceOf(IllegalArgumentException.class).hasMessage("cannot handle v1");
        assertThat(consumer.committedOffsets()).isEmpty();
        assertThat(streams.close(Duration.ofSeconds(5))).isTrue();
        assertThat(states).endsWith(TributaryStreams.State.PENDING_ERROR, TributaryStreams.State.ERROR);
    }

    @Test
    void aContinuingProductionHandlerDropsFailedOutputAndTheOffsetsAreCommitted() {
        start(true, "none", (now, before) -> { }, Map.of("default.production.exception.handler",
            "io.tributary.streams.errors.LogAndContinueProductionExceptionHandler"));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("commit 3 unacknowledged=0"));

        assertThat(events.subList(0, events.indexOf("commit 3 unacknowledged=0") + 1))
            .containsExactly("send V0", "send V1", "send V2", "flush", "commit 3 unacknowledged=0");
        assertThat(streams.state()).isEqualTo(TributaryStreams.State.RUNNING);
    }
}
