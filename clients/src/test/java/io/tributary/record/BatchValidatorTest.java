package io.tributary.record;

import static io.tributary.record.RecordBatchDescriptor.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {
    private static ByteBuffer batch() {
        return HostileInputTest.smallBatch(CompressionType.NONE, 10);
    }

    private static ByteBuffer recordsWithDeltas(int... deltas) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int delta : deltas) {
            byte[] record = RecordCodec.encode(0, delta, null, new byte[] {1}, List.of());
            out.write(record, 0, record.length);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    @Test
    void summaryOfAValidBatch() {
        BatchSummary summary = MemoryRecords.readableRecords(batch()).validate().get(0);
        assertThat(summary.baseOffset()).isEqualTo(10);
        assertThat(summary.recordCount()).isEqualTo(3);
        assertThat(summary.maxTimestamp()).isEqualTo(1001L);
        assertThat(summary.offsetOfMaxTimestamp()).isEqualTo(11L);
        assertThat(summary.firstSequence()).isEqualTo(100);
        assertThat(summary.lastSequence()).isEqualTo(102);
        assertThat(summary.producerId()).isEqualTo(7L);
    }

    @Test
    void produceNeedsExactlyOneBatch() {
        ByteBuffer one = batch();
        assertThat(MemoryRecords.readableRecords(one).validateProduce().recordCount()).isEqualTo(3);
        ByteBuffer two = ByteBuffer.allocate(2 * one.limit()).put(one.duplicate()).put(one.duplicate()).flip();
        assertThat(MemoryRecords.readableRecords(two).validate()).hasSize(2);
        assertThatThrownBy(() -> MemoryRecords.readableRecords(two).validateProduce())
                .isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void recordCountMismatchIsInvalid() {
        ByteBuffer b = batch();
        b.putInt(RECORD_COUNT_OFFSET, 2);
        b.putInt(LAST_OFFSET_DELTA_OFFSET, 1);
        RecordBatch.writeChecksum(b);
        assertThatThrownBy(() -> RecordBatch.wrap(b).validate()).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("follow")
                .satisfies(e -> assertThat(((RecordException) e).errorCode()).isEqualTo((short) 87));
    }

    @Test
    void lastOffsetDeltaMismatchIsInvalid() {
        ByteBuffer b = batch();
        b.putInt(LAST_OFFSET_DELTA_OFFSET, 5);
        RecordBatch.writeChecksum(b);
        assertThatThrownBy(() -> RecordBatch.wrap(b).validate()).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("lastOffsetDelta");
    }

    @Test
    void offsetDeltasMustBeConsecutive() {
        for (int[] deltas : new int[][] {{0, 2, 1}, {1, 2, 3}, {0, 0, 1}, {0, 1, -1}}) {
            ByteBuffer b = TestBatches.withRecordsSection(batch(), recordsWithDeltas(deltas), 3);
            assertThat(RecordBatch.wrap(b).records()).hasSize(3); // plain decoding tolerates it (compaction)
            assertThatThrownBy(() -> RecordBatch.wrap(b).validate()).isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("offset delta");
        }
        ByteBuffer ok = TestBatches.withRecordsSection(batch(), recordsWithDeltas(0, 1, 2), 3);
        assertThat(RecordBatch.wrap(ok).validate().recordCount()).isEqualTo(3);
    }

    @Test
    void emptyBatchAndMissingSequenceAreInvalid() {
        ByteBuffer empty = TestBatches.withRecordsSection(batch(), ByteBuffer.allocate(0), 0);
        assertThat(RecordBatch.wrap(empty).records()).isEmpty();
        assertThatThrownBy(() -> RecordBatch.wrap(empty).validate()).isInstanceOf(InvalidRecordException.class);

        ByteBuffer noSequence = batch();
        noSequence.putInt(BASE_SEQUENCE_OFFSET, NO_SEQUENCE);
        RecordBatch.writeChecksum(noSequence);
        assertThatThrownBy(() -> RecordBatch.wrap(noSequence).validate()).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("sequence");
    }

    @Test
    void badCrcAndMagicAreCorrupt() {
        ByteBuffer b = batch();
        b.put(b.limit() - 1, (byte) (b.get(b.limit() - 1) ^ 1));
        assertThat(RecordBatch.wrap(b).isValid()).isFalse();
        assertThatThrownBy(() -> RecordBatch.wrap(b).validate()).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("CRC")
                .satisfies(e -> assertThat(((RecordException) e).errorCode()).isEqualTo((short) 2));
        ByteBuffer v1 = batch();
        v1.put(MAGIC_OFFSET, (byte) 1);
        assertThatThrownBy(() -> RecordBatch.wrap(v1)).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("magic");
        assertThatThrownBy(() -> MemoryRecords.readableRecords(v1).batches().iterator().next())
                .isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> MemoryRecords.readableRecords(ByteBuffer.allocate(0)).validate())
                .isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void sequencesWrapAround() {
        ByteBuffer b = new RecordBatchBuilder(0).producer(1L, (short) 0, Integer.MAX_VALUE - 1)
                .append(1L, null, null).append(2L, null, null).append(3L, null, null).build();
        assertThat(RecordBatch.wrap(b).lastSequence()).isEqualTo(0);
        assertThat(RecordBatch.wrap(b).validate().lastSequence()).isEqualTo(0);
    }

    @Test
    void builderRejectsMisuse() {
        assertThatThrownBy(() -> new RecordBatchBuilder(0).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new RecordBatchBuilder(0).append(-5L, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordBatchBuilder(0).control(true).append(1L, null, null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new RecordBatchBuilder(0).appendControlRecord(1L, ControlRecordType.COMMIT, null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new EndTransactionMarker(ControlRecordType.UNKNOWN, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setLogAppendTimeNeedsTheWholeBatch() {
        ByteBuffer b = batch();
        assertThatThrownBy(() -> RecordBatch.setLogAppendTime(b.duplicate().limit(b.limit() - 1), 0, 5L))
                .isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> RecordBatch.setBaseOffset(b, b.limit() - 10, 5L))
                .isInstanceOf(CorruptRecordException.class);
        RecordBatch.setLogAppendTime(b, 0, 5L);
        RecordBatch batch = RecordBatch.wrap(b);
        assertThat(batch.isValid()).isTrue();
        assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(batch.records()).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(5L));
        assertThat(batch.validate().maxTimestamp()).isEqualTo(5L);
    }
}
