package io.tributary.record;

import static io.tributary.record.RecordBatchDescriptor.LENGTH_OFFSET;
import static io.tributary.record.RecordBatchDescriptor.LOG_OVERHEAD;
import static io.tributary.record.RecordBatchDescriptor.MIN_BATCH_LENGTH;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Concatenated record batches in memory, as carried by a Produce request or a Fetch response.
 *
 * <p>Lenient iteration ({@link #batches()}) stops cleanly at a truncated trailing batch, which fetch responses
 * may legitimately contain. Strict iteration ({@link #strictBatches()}) reports it as corrupt. In both modes a
 * batch length below the minimum (including negative) or a magic other than 2 is corrupt.
 */
public final class MemoryRecords {
    private final ByteBuffer buffer;

    private MemoryRecords(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** Views the remaining bytes of {@code buffer} (no copy; the buffer's position is not moved). */
    public static MemoryRecords readableRecords(ByteBuffer buffer) {
        return new MemoryRecords(buffer.slice());
    }

    /** Total bytes, including any truncated tail. */
    public int sizeInBytes() {
        return buffer.limit();
    }

    /** A read-only view of the bytes. */
    public ByteBuffer buffer() {
        return buffer.asReadOnlyBuffer();
    }

    /** Batches, stopping silently at a truncated trailing batch. */
    public Iterable<RecordBatch> batches() {
        return () -> new BatchIterator(buffer, false);
    }

    /** Batches; a truncated trailing batch or an over-long length raises {@link CorruptRecordException}. */
    public Iterable<RecordBatch> strictBatches() {
        return () -> new BatchIterator(buffer, true);
    }

    /** Bytes covered by the complete batches of a lenient iteration. */
    public int validBytes() {
        int bytes = 0;
        for (RecordBatch batch : batches()) {
            bytes += batch.sizeInBytes();
        }
        return bytes;
    }

    /**
     * Validates every batch strictly (see {@link BatchValidator#validate(RecordBatch)}), as on Produce.
     *
     * @throws CorruptRecordException if there are no batches, a batch is truncated or corrupt
     * @throws InvalidRecordException if a batch is inconsistent
     */
    public List<BatchSummary> validate() {
        List<BatchSummary> summaries = new ArrayList<>();
        for (RecordBatch batch : strictBatches()) {
            summaries.add(BatchValidator.validate(batch));
        }
        if (summaries.isEmpty()) {
            throw new CorruptRecordException("no record batch present");
        }
        return summaries;
    }

    /**
     * Validation of one partition's data in a Produce request (v3+), which must hold exactly one batch.
     *
     * @throws InvalidRecordException if there is more than one batch
     * @see #validate()
     */
    public BatchSummary validateProduce() {
        List<BatchSummary> summaries = validate();
        if (summaries.size() != 1) {
            throw new InvalidRecordException("a produce request must carry exactly one record batch per partition, got "
                    + summaries.size());
        }
        return summaries.get(0);
    }

    private static final class BatchIterator implements Iterator<RecordBatch> {
        private final ByteBuffer buffer;
        private final boolean strict;
        private int position;
        private RecordBatch next;
        private boolean done;

        BatchIterator(ByteBuffer buffer, boolean strict) {
            this.buffer = buffer.duplicate();
            this.strict = strict;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = advance();
                done = next == null;
            }
            return next != null;
        }

        @Override
        public RecordBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RecordBatch batch = next;
            next = null;
            return batch;
        }

        private RecordBatch advance() {
            int remaining = buffer.limit() - position;
            if (remaining == 0) {
                return null;
            }
            if (remaining < LOG_OVERHEAD) {
                return truncated(remaining + " trailing bytes are too few for a batch");
            }
            int length = buffer.getInt(position + LENGTH_OFFSET);
            if (length < MIN_BATCH_LENGTH) {
                throw new CorruptRecordException("batch length " + length + " at position " + position
                        + " is below the minimum " + MIN_BATCH_LENGTH);
            }
            if (length > remaining - LOG_OVERHEAD) {
                return truncated("batch at position " + position + " declares " + length + " bytes but only "
                        + (remaining - LOG_OVERHEAD) + " remain");
            }
            ByteBuffer view = buffer.duplicate();
            view.position(position);
            RecordBatch batch = RecordBatch.wrapChecked(view, length + LOG_OVERHEAD);
            position += length + LOG_OVERHEAD;
            return batch;
        }

        private RecordBatch truncated(String message) {
            if (strict) {
                done = true;
                throw new CorruptRecordException(message);
            }
            return null;
        }
    }
}
