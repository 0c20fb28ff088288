package io.tributary.record;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches with offset gaps, as compaction writes them, read back by ours and by Kafka's client. */
class AppendWithOffsetTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final long[] OFFSETS = {100, 101, 104, 150, 1_000};

    private static ByteBuffer gappedBatch(CompressionType compression) {
        RecordBatchBuilder b = new RecordBatchBuilder(100).compression(compression)
                .producer(77L, (short) 2, 500).partitionLeaderEpoch(9);
        for (int i = 0; i < OFFSETS.length; i++) {
            byte[] value = i == 2 ? null : ("v" + i).getBytes(UTF_8);
            List<Header> headers = i == 1 ? List.of(new Header("h", "x".getBytes(UTF_8))) : List.of();
            b.appendWithOffset(OFFSETS[i], NOW + i, ("k" + i).getBytes(UTF_8), value, headers);
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void kafkaReadsGappedOffsetsWithValidCrc(CompressionType compression) {
        ByteBuffer batch = gappedBatch(compression);
        MutableRecordBatch kafka = KafkaOracle.onlyBatch(batch); // ensureValid: CRC checked
        assertThat(kafka.baseOffset()).isEqualTo(100);
        assertThat(kafka.lastOffset()).isEqualTo(1_000);
        assertThat(kafka.countOrNull()).isEqualTo(OFFSETS.length);
        assertThat(kafka.producerId()).isEqualTo(77L);
        assertThat(kafka.baseSequence()).isEqualTo(500);
        assertThat(kafka.lastSequence()).isEqualTo(500 + 900);
        assertThat(kafka.partitionLeaderEpoch()).isEqualTo(9);
        List<Record> kafkaRecords = KafkaOracle.records(kafka);
        List<Long> offsets = new ArrayList<>();
        kafkaRecords.forEach(r -> offsets.add(r.offset()));
        assertThat(offsets).containsExactly(100L, 101L, 104L, 150L, 1_000L);
        assertThat(kafkaRecords.get(2).value()).isNull();
        assertThat(kafkaRecords.get(1).headers()).containsExactly(new Header("h", "x".getBytes(UTF_8)));
        assertThat(kafkaRecords.get(4).timestamp()).isEqualTo(NOW + 4);

        RecordBatch ours = RecordBatch.wrap(batch);
        ours.ensureValid();
        assertThat(ours.lastOffsetDelta()).isEqualTo(900);
        assertThat(ours.records()).isEqualTo(kafkaRecords);
    }

    @Test
    void appendContinuesAfterAnExplicitOffset() {
        ByteBuffer batch = new RecordBatchBuilder(10).appendWithOffset(12, NOW, null, new byte[1], List.of())
                .append(NOW, null, new byte[2]).build();
        List<Long> offsets = new ArrayList<>();
        KafkaOracle.records(KafkaOracle.onlyBatch(batch)).forEach(r -> offsets.add(r.offset()));
        assertThat(offsets).containsExactly(12L, 13L);
    }

    @Test
    void rejectsOffsetsBelowBaseOrNotIncreasing() {
        RecordBatchBuilder b = new RecordBatchBuilder(10);
        assertThatThrownBy(() -> b.appendWithOffset(9, NOW, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        b.appendWithOffset(11, NOW, null, null, List.of());
        assertThatThrownBy(() -> b.appendWithOffset(11, NOW, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.appendWithOffset(10L + Integer.MAX_VALUE + 1, NOW, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(b.recordCount()).isEqualTo(1);
        assertThatThrownBy(() -> new RecordBatchBuilder(0).control(true).appendWithOffset(0, NOW, null, null,
                List.of())).isInstanceOf(IllegalStateException.class);
    }
}
