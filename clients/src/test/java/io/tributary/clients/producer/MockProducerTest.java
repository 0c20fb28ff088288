package io.tributary.clients.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.SerializationException;
import io.tributary.clients.serialization.Serdes;
import io.tributary.clients.serialization.Serializer;
import io.tributary.common.MockTime;
import io.tributary.common.TributaryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class MockProducerTest {
    private static final Serializer<String> STRING = Serdes.STRING_SERIALIZER;

    @Test
    void autoCompleteAcknowledgesAtOnceWithOffsetsPerPartition() {
        MockProducer<String, String> p = new MockProducer<>(true, 1, STRING, STRING, new MockTime(5_000L))
            .setPartitionCount("t", 3);
        List<RecordMetadata> ms = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ms.add(p.send(new ProducerRecord<>("t", "key-" + i, "v" + i)).join());
        }
        for (int i = 0; i < 30; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            // Kafka's own partitioner arithmetic is the oracle
            assertThat(ms.get(i).partition()).isEqualTo(Utils.toPositive(Utils.murmur2(key)) % 3);
            int partition = ms.get(i).partition();
            long before = ms.subList(0, i).stream().filter(m -> m.partition() == partition).count();
            assertThat(ms.get(i).offset()).isEqualTo(before);
            assertThat(ms.get(i).timestamp()).isEqualTo(5_000L);
            assertThat(ms.get(i).serializedKeySize()).isEqualTo(key.length);
        }
        assertThat(p.history()).hasSize(30);
        assertThat(p.history().get(7).value()).isEqualTo("v7");
        assertThat(p.pendingCount()).isZero();
    }

    @Test
    void explicitPartitionsTimestampsAndKeylessRecords() {
        MockProducer<String, String> p = new MockProducer<>(true, 4, STRING, STRING, new MockTime());
        RecordMetadata m = p.send(new ProducerRecord<>("t", 2, 42L, "k", "v", List.of())).join();
        assertThat(m.partition()).isEqualTo(2);
        assertThat(m.timestamp()).isEqualTo(42L);
        RecordMetadata keyless = p.send(new ProducerRecord<>("t", "v")).join();
        assertThat(keyless.partition()).isZero();
        assertThat(keyless.serializedKeySize()).isEqualTo(-1);
        assertThat(p.partitionsFor("t")).hasSize(4);
        CompletableFuture<RecordMetadata> bad = p.send(new ProducerRecord<>("t", 9, "k", "v"));
        assertThatThrownBy(bad::join).hasCauseInstanceOf(TributaryException.class).hasMessageContaining("partition 9");
    }

    @Test
    void manualModeCompletesAndFailsInOrder() {
        MockProducer<String, String> p = new MockProducer<>(false, STRING, STRING);
        List<String> callbacks = new ArrayList<>();
        CompletableFuture<RecordMetadata> a = p.send(new ProducerRecord<>("t", "a"),
            (md, e) -> callbacks.add(md != null ? "ok " + md.offset() : "error " + e.getMessage()));
        CompletableFuture<RecordMetadata> b = p.send(new ProducerRecord<>("t", "b"),
            (md, e) -> callbacks.add(md != null ? "ok " + md.offset() : "error " + e.getMessage()));
        CompletableFuture<RecordMetadata> c = p.send(new ProducerRecord<>("t", "c"));
        assertThat(a).isNotDone();
        assertThat(p.pendingCount()).isEqualTo(3);

        assertThat(p.completeNext()).isTrue();
        assertThat(a.join().offset()).isZero();
        assertThat(p.errorNext(new IllegalStateException("boom"))).isTrue();
        assertThatThrownBy(b::join).isInstanceOf(CompletionException.class).hasMessageContaining("boom");
        assertThat(callbacks).containsExactly("ok 0", "error boom");

        p.flush();
        assertThat(c.join().offset()).isEqualTo(1);
        assertThat(p.flushCount()).isEqualTo(1);
        assertThat(p.completeNext()).isFalse();
        assertThat(p.errorNext(new RuntimeException())).isFalse();
        assertThat(p.history()).extracting(ProducerRecord::value).containsExactly("a", "b", "c");
    }

    @Test
    void serializerErrorsFailOnlyThatSendAndAreNotRecorded() {
        Serializer<String> picky = (topic, data) -> {
            if ("bad".equals(data)) {
                throw new IllegalArgumentException("cannot encode bad");
            }
            return data.getBytes(StandardCharsets.UTF_8);
        };
        MockProducer<String, String> p = new MockProducer<>(true, STRING, picky);
        Exception[] seen = new Exception[1];
        CompletableFuture<RecordMetadata> f = p.send(new ProducerRecord<>("t", "k", "bad"), (m, e) -> seen[0] = e);
        assertThatThrownBy(f::join).hasCauseInstanceOf(SerializationException.class)
            .hasMessageContaining("value").hasMessageContaining("cannot encode bad");
        assertThat(seen[0]).isInstanceOf(SerializationException.class);
        assertThat(p.history()).isEmpty();
        assertThat(p.send(new ProducerRecord<>("t", "k", "good")).join().offset()).isZero();
    }

    @Test
    void clearForgetsAndCloseRefusesSends() {
        MockProducer<String, String> p = new MockProducer<>(false, STRING, STRING);
        p.send(new ProducerRecord<>("t", "a"));
        p.clear();
        assertThat(p.history()).isEmpty();
        assertThat(p.pendingCount()).isZero();
        assertThat(p.closed()).isFalse();
        p.close();
        assertThat(p.closed()).isTrue();
        assertThatThrownBy(() -> p.send(new ProducerRecord<>("t", "a")).join())
            .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
