package io.tributary.record;

import static io.tributary.record.KafkaOracle.Settings;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaInteropTest {
    private static final long NOW = 1_700_000_000_000L;

    static List<Record> sampleRecords() {
        List<Record> records = new ArrayList<>();
        records.add(new Record(0, NOW, "k1".getBytes(UTF_8), "v1".getBytes(UTF_8),
                List.of(new Header("h1", "x".getBytes(UTF_8)), new Header("h2", null), new Header("", new byte[0]))));
        records.add(new Record(0, NOW + 5, null, "null key".getBytes(UTF_8), List.of()));
        records.add(new Record(0, NOW - 3, "tombstone".getBytes(UTF_8), null, List.of()));
        records.add(new Record(0, NOW + 1, new byte[0], new byte[0], List.of(new Header("ünï", new byte[3]))));
        records.add(new Record(0, -1, null, null, List.of()));
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251 < 100 ? i : 7);
        }
        records.add(new Record(0, NOW + 2, "big".getBytes(UTF_8), big, List.of()));
        return records;
    }

    static Stream<Arguments> settings() {
        List<Arguments> args = new ArrayList<>();
        for (CompressionType c : CompressionType.values()) {
            args.add(Arguments.of(Settings.plain(c)));
            args.add(Arguments.of(new Settings(c, TimestampType.LOG_APPEND_TIME, 42L, NOW + 1000, -1L, (short) -1,
                    -1, false, 7)));
            args.add(Arguments.of(new Settings(c, TimestampType.CREATE_TIME, 1000L, -1L, 12345L, (short) 3,
                    Integer.MAX_VALUE - 2, false, 0)));
            args.add(Arguments.of(new Settings(c, TimestampType.CREATE_TIME, 5L, -1L, 99L, (short) 0, 10, true, 2)));
        }
        return args.stream();
    }

    @ParameterizedTest
    @MethodSource("settings")
    void kafkaBatchesDecodeWithOurs(Settings s) {
        List<Record> input = sampleRecords();
        ByteBuffer buffer = KafkaOracle.build(s, input);
        MutableRecordBatch kafka = KafkaOracle.onlyBatch(buffer);

        RecordBatch ours = RecordBatch.wrap(buffer);
        ours.ensureValid();
        assertThat(ours.compressionType()).isEqualTo(s.compression());
        assertSameHeader(ours, kafka);
        assertThat(ours.records()).containsExactlyElementsOf(KafkaOracle.records(kafka));
        Long forcedTimestamp = s.timestampType() == TimestampType.LOG_APPEND_TIME ? s.logAppendTime() : null;
        assertThat(ours.records()).containsExactlyElementsOf(KafkaOracle.withOffsets(input, s.baseOffset(),
                forcedTimestamp));
        BatchSummary summary = ours.validate();
        assertThat(summary.recordCount()).isEqualTo(input.size());
        assertThat(summary.maxTimestamp()).isEqualTo(kafka.maxTimestamp());
        assertThat(summary.lastSequence()).isEqualTo(kafka.lastSequence());
    }

    @ParameterizedTest
    @MethodSource("settings")
    void ourBatchesAreAcceptedByKafka(Settings s) {
        List<Record> input = sampleRecords();
        ByteBuffer buffer = KafkaOracle.buildOurs(s, input);
        MutableRecordBatch kafka = KafkaOracle.onlyBatch(buffer);

        assertSameHeader(RecordBatch.wrap(buffer), kafka);
        assertThat(kafka.compressionType().name).isEqualTo(s.compression().name);
        Long forcedTimestamp = s.timestampType() == TimestampType.LOG_APPEND_TIME ? s.logAppendTime() : null;
        assertThat(KafkaOracle.records(kafka)).containsExactlyElementsOf(
                KafkaOracle.withOffsets(input, s.baseOffset(), forcedTimestamp));
        // same header bytes as Kafka writes for the same input (compressed bytes may differ, so may length/CRC)
        ByteBuffer kafkaBytes = KafkaOracle.build(s, input);
        if (s.compression() == CompressionType.NONE) {
            assertThat(buffer).isEqualTo(kafkaBytes);
        } else {
            assertThat(slice(buffer, RecordBatchDescriptor.ATTRIBUTES_OFFSET, RecordBatchDescriptor.HEADER_SIZE))
                    .isEqualTo(slice(kafkaBytes, RecordBatchDescriptor.ATTRIBUTES_OFFSET,
                            RecordBatchDescriptor.HEADER_SIZE));
        }
    }

    private static ByteBuffer slice(ByteBuffer buffer, int from, int to) {
        return buffer.duplicate().limit(to).position(from).slice();
    }

    @ParameterizedTest
    @EnumSource(value = ControlRecordType.class, names = {"COMMIT", "ABORT"})
    void controlBatchesInteroperate(ControlRecordType kafkaType) {
        var kafkaMarker = new org.apache.kafka.common.record.internal.EndTransactionMarker(kafkaType, 17);
        ByteBuffer kafkaBuffer = MemoryRecords.withEndTransactionMarker(500L, NOW, 4, 77L, (short) 2, kafkaMarker)
                .buffer();
        RecordBatch ours = RecordBatch.wrap(kafkaBuffer);
        ours.ensureValid();
        assertThat(ours.isControlBatch()).isTrue();
        assertThat(ours.isTransactional()).isTrue();
        assertThat(ours.producerId()).isEqualTo(77L);
        EndTransactionMarker marker = EndTransactionMarker.fromRecord(ours.records().get(0));
        assertThat(marker.type().name()).isEqualTo(kafkaType.name());
        assertThat(marker.coordinatorEpoch()).isEqualTo(17);

        io.tributary.record.ControlRecordType ourType = io.tributary.record.ControlRecordType.valueOf(kafkaType.name());
        ByteBuffer ourBuffer = RecordBatchBuilder.endTransactionMarker(500L, NOW, 4, 77L, (short) 2,
                new EndTransactionMarker(ourType, 17));
        assertThat(ourBuffer).isEqualTo(kafkaBuffer);
        MutableRecordBatch kafka = KafkaOracle.onlyBatch(ourBuffer);
        assertThat(kafka.isControlBatch()).isTrue();
        var record = kafka.iterator().next();
        assertThat(ControlRecordType.parse(record.key())).isEqualTo(kafkaType);
        assertThat(org.apache.kafka.common.record.internal.EndTransactionMarker.deserialize(record))
                .isEqualTo(kafkaMarker);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void inPlaceRewritesKeepKafkaHappy(CompressionType compression) {
        ByteBuffer first = KafkaOracle.buildOurs(Settings.plain(compression), sampleRecords());
        ByteBuffer second = KafkaOracle.buildOurs(Settings.plain(compression), sampleRecords().subList(0, 2));
        ByteBuffer both = ByteBuffer.allocate(first.remaining() + second.remaining()).put(first).put(second).flip();
        int secondPosition = first.limit();

        RecordBatch.setBaseOffset(both, secondPosition, 1_000_000L);
        RecordBatch.setPartitionLeaderEpoch(both, secondPosition, 9);
        RecordBatch.setLogAppendTime(both, secondPosition, NOW + 99);

        List<MutableRecordBatch> kafka = new ArrayList<>();
        MemoryRecords.readableRecords(both.duplicate()).batches().forEach(kafka::add);
        assertThat(kafka).hasSize(2);
        kafka.forEach(MutableRecordBatch::ensureValid);
        MutableRecordBatch rewritten = kafka.get(1);
        assertThat(rewritten.baseOffset()).isEqualTo(1_000_000L);
        assertThat(rewritten.partitionLeaderEpoch()).isEqualTo(9);
        assertThat(rewritten.timestampType())
                .isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
        assertThat(rewritten.maxTimestamp()).isEqualTo(NOW + 99);
        assertThat(rewritten.iterator().next().timestamp()).isEqualTo(NOW + 99);
        assertThat(kafka.get(0).timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.CREATE_TIME);

        RecordBatch ours = RecordBatch.wrap(both.duplicate().position(secondPosition));
        assertThat(ours.isValid()).isTrue();
        assertThat(ours.records()).containsExactlyElementsOf(KafkaOracle.records(rewritten));
    }

    private static void assertSameHeader(RecordBatch ours, MutableRecordBatch kafka) {
        assertThat(ours.baseOffset()).isEqualTo(kafka.baseOffset());
        assertThat(ours.lastOffset()).isEqualTo(kafka.lastOffset());
        assertThat(ours.nextOffset()).isEqualTo(kafka.nextOffset());
        assertThat(ours.sizeInBytes()).isEqualTo(kafka.sizeInBytes());
        assertThat(ours.partitionLeaderEpoch()).isEqualTo(kafka.partitionLeaderEpoch());
        assertThat(ours.magic()).isEqualTo(kafka.magic());
        assertThat(ours.checksum()).isEqualTo(kafka.checksum());
        assertThat(ours.compressionType().id).isEqualTo(kafka.compressionType().id);
        assertThat(ours.compressionType().name).isEqualTo(kafka.compressionType().name);
        assertThat(ours.timestampType().id).isEqualTo(kafka.timestampType().id);
        assertThat(ours.maxTimestamp()).isEqualTo(kafka.maxTimestamp());
        assertThat(ours.producerId()).isEqualTo(kafka.producerId());
        assertThat(ours.producerEpoch()).isEqualTo(kafka.producerEpoch());
        assertThat(ours.baseSequence()).isEqualTo(kafka.baseSequence());
        assertThat(ours.lastSequence()).isEqualTo(kafka.lastSequence());
        assertThat(ours.recordCount()).isEqualTo(kafka.countOrNull());
        assertThat(ours.isTransactional()).isEqualTo(kafka.isTransactional());
        assertThat(ours.isControlBatch()).isEqualTo(kafka.isControlBatch());
        assertThat(ours.hasProducerId()).isEqualTo(kafka.hasProducerId());
        assertThat(ours.deleteHorizonMs()).isEqualTo(kafka.deleteHorizonMs());
    }
}
