package io.tributary.record;

import static io.tributary.record.KafkaOracle.Settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.record.internal.MutableRecordBatch;

class RecordBatchProperties {
    private static final int TRIES = 200;

    @Provide
    Arbitrary<Settings> settings() {
        Arbitrary<CompressionType> compression = Arbitraries.of(CompressionType.class);
        Arbitrary<Boolean> logAppend = Arbitraries.of(true, false);
        Arbitrary<Long> baseOffset = Arbitraries.longs().between(0, Long.MAX_VALUE / 2);
        Arbitrary<Long> producerId = Arbitraries.longs().between(-1, 1_000_000);
        Arbitrary<Integer> sequence = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Boolean> transactional = Arbitraries.of(true, false);
        return Combinators.combine(compression, logAppend, baseOffset, producerId, sequence, transactional)
                .as((c, lat, offset, pid, seq, txn) -> pid < 0
                        ? new Settings(c, lat ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME, offset,
                                lat ? 1_700_000_000_000L : -1L, -1L, (short) -1, -1, false, -1)
                        : new Settings(c, lat ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME, offset,
                                lat ? 1_700_000_000_000L : -1L, pid, (short) 1, seq, txn, 3));
    }

    @Provide
    Arbitrary<List<Record>> records() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).injectNull(0.15);
        Arbitrary<Header> header = Combinators.combine(Arbitraries.strings().alpha().numeric().withChars("üé€ -").ofMaxLength(8), bytes).as(Header::new);
        Arbitrary<Long> timestamp = Arbitraries.oneOf(Arbitraries.just(-1L),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 4));
        Arbitrary<Record> record = Combinators.combine(timestamp, bytes, bytes, header.list().ofMaxSize(3))
                .as((ts, k, v, h) -> new Record(0, ts, k, v, h));
        return record.list().ofMinSize(1).ofMaxSize(200);
    }

    private static List<Record> expected(Settings s, List<Record> input) {
        Long forced = s.timestampType() == TimestampType.LOG_APPEND_TIME ? s.logAppendTime() : null;
        return KafkaOracle.withOffsets(input, s.baseOffset(), forced);
    }

    @Property(tries = TRIES)
    void ourEncodingRoundTrips(@ForAll("settings") Settings s, @ForAll("records") List<Record> input) {
        ByteBuffer buffer = KafkaOracle.buildOurs(s, input);
        RecordBatch batch = RecordBatch.wrap(buffer);
        BatchSummary summary = batch.validate();
        assertThat(summary.recordCount()).isEqualTo(input.size());
        assertThat(batch.records()).containsExactlyElementsOf(expected(s, input));
        assertThat(batch.compressionType()).isEqualTo(s.compression());
    }

    @Property(tries = TRIES)
    void kafkaDecodesOurEncoding(@ForAll("settings") Settings s, @ForAll("records") List<Record> input) {
        MutableRecordBatch kafka = KafkaOracle.onlyBatch(KafkaOracle.buildOurs(s, input));
        assertThat(KafkaOracle.records(kafka)).containsExactlyElementsOf(expected(s, input));
        assertThat(kafka.lastSequence()).isEqualTo(RecordBatch.wrap(KafkaOracle.buildOurs(s, input)).lastSequence());
    }

    @Property(tries = TRIES)
    void weDecodeKafkaEncoding(@ForAll("settings") Settings s, @ForAll("records") List<Record> input) {
        ByteBuffer buffer = KafkaOracle.build(s, input);
        RecordBatch batch = RecordBatch.wrap(buffer);
        BatchSummary summary = batch.validate();
        assertThat(batch.records()).containsExactlyElementsOf(expected(s, input));
        assertThat(summary.maxTimestamp()).isEqualTo(KafkaOracle.onlyBatch(buffer).maxTimestamp());
        assertThat(batch.checksum()).isEqualTo(KafkaOracle.onlyBatch(buffer).checksum());
    }
}
