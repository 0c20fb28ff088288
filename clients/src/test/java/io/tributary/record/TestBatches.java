package io.tributary.record;

import static io.tributary.record.RecordBatchDescriptor.*;

import java.nio.ByteBuffer;

/** Hand-assembles batches (valid CRC, arbitrary contents) for negative tests. */
final class TestBatches {
    private TestBatches() {
    }

    /** {@code template}'s header with an uncompressed records section replaced by {@code records}. */
    static ByteBuffer withRecordsSection(ByteBuffer template, ByteBuffer records, int recordCount) {
        ByteBuffer batch = ByteBuffer.allocate(HEADER_SIZE + records.remaining());
        batch.put(template.duplicate().limit(HEADER_SIZE)).put(records.duplicate()).flip();
        batch.putInt(LENGTH_OFFSET, batch.limit() - LOG_OVERHEAD);
        batch.putShort(ATTRIBUTES_OFFSET, (short) (batch.getShort(ATTRIBUTES_OFFSET) & ~COMPRESSION_CODEC_MASK));
        batch.putInt(RECORD_COUNT_OFFSET, recordCount);
        batch.putInt(LAST_OFFSET_DELTA_OFFSET, recordCount - 1);
        RecordBatch.writeChecksum(batch);
        return batch;
    }
}
