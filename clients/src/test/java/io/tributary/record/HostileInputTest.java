package io.tributary.record;

import static io.tributary.record.RecordBatchDescriptor.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.ByteUtils;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile bytes must only ever produce the typed exceptions, quickly. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileInputTest {
    private static final int SMALL_LIMIT = 1 << 20;

    static ByteBuffer smallBatch(CompressionType compression, long baseOffset) {
        return new RecordBatchBuilder(baseOffset).compression(compression).producer(7L, (short) 1, 100)
                .append(1000L, "key".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8),
                        List.of(new Header("h", new byte[] {1, 2})))
                .append(1001L, null, new byte[] {9})
                .append(999L, new byte[0], null)
                .build();
    }

    /** Runs every reader over {@code bytes}; fails on anything but a typed exception. */
    static void readEverything(ByteBuffer bytes) {
        MemoryRecords records = MemoryRecords.readableRecords(bytes.duplicate());
        quietly(() -> {
            for (RecordBatch batch : records.batches()) {
                touch(batch);
            }
        });
        quietly(() -> records.strictBatches().forEach(HostileInputTest::touch));
        quietly(records::validate);
        quietly(records::validBytes);
        quietly(() -> touch(RecordBatch.wrap(bytes.duplicate())));
        for (CompressionType type : CompressionType.values()) {
            quietly(() -> type.decompress(bytes.duplicate(), SMALL_LIMIT));
        }
    }

    private static void touch(RecordBatch batch) {
        quietly(batch::isValid);
        quietly(batch::toString);
        quietly(batch::lastSequence);
        quietly(batch::deleteHorizonMs);
        quietly(batch::compressionType);
        quietly(() -> batch.records(SMALL_LIMIT));
        quietly(() -> BatchValidator.validate(batch, SMALL_LIMIT));
        quietly(() -> {
            for (Record r : batch.records(SMALL_LIMIT)) {
                if (batch.isControlBatch()) {
                    EndTransactionMarker.fromRecord(r);
                }
            }
        });
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (CorruptRecordException | InvalidRecordException expected) {
            assertThat(expected.errorCode()).isIn((short) 2, (short) 87);
        }
    }

    @Test
    void randomBytes() {
        Random random = new Random(20240611L);
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            if (i % 2 == 0 && bytes.length >= HEADER_SIZE) { // plausible header, garbage elsewhere
                ByteBuffer b = ByteBuffer.wrap(bytes);
                b.putInt(LENGTH_OFFSET, bytes.length - LOG_OVERHEAD);
                b.put(MAGIC_OFFSET, MAGIC_V2);
                b.putShort(ATTRIBUTES_OFFSET, (short) random.nextInt(8));
                b.putInt(RECORD_COUNT_OFFSET, random.nextInt(5));
                RecordBatch.writeChecksum(b);
            }
            readEverything(ByteBuffer.wrap(bytes));
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyTruncationOfASmallBatch(CompressionType compression) {
        ByteBuffer batch = smallBatch(compression, 0);
        for (int cut = 0; cut < batch.limit(); cut++) {
            ByteBuffer truncated = batch.duplicate().limit(cut);
            readEverything(truncated);
            assertThat(MemoryRecords.readableRecords(truncated).batches()).isEmpty();
            assertThatThrownBy(() -> MemoryRecords.readableRecords(truncated).validate())
                    .isInstanceOf(CorruptRecordException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyBitFlipOfASmallBatch(CompressionType compression) {
        ByteBuffer original = smallBatch(compression, 0);
        for (int bit = 0; bit < original.limit() * Byte.SIZE; bit++) {
            ByteBuffer flipped = flip(original, bit);
            readEverything(flipped);
            if (bit / Byte.SIZE >= ATTRIBUTES_OFFSET) {
                assertThatThrownBy(() -> RecordBatch.wrap(flipped).ensureValid())
                        .as("bit %d", bit).isInstanceOf(CorruptRecordException.class);
            }
            if (bit / Byte.SIZE >= RECORDS_OFFSET) { // hide the damage from the CRC: decoders see garbage
                RecordBatch.writeChecksum(flipped);
                readEverything(flipped);
            }
        }
    }

    private static ByteBuffer flip(ByteBuffer original, int bit) {
        ByteBuffer copy = ByteBuffer.allocate(original.limit()).put(original.duplicate()).flip();
        copy.put(bit / Byte.SIZE, (byte) (copy.get(bit / Byte.SIZE) ^ (1 << (bit % Byte.SIZE))));
        return copy;
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, MIN_BATCH_LENGTH - 1, MIN_BATCH_LENGTH, 100_000,
            Integer.MAX_VALUE - LOG_OVERHEAD, Integer.MAX_VALUE})
    void lyingBatchLength(int length) {
        ByteBuffer batch = smallBatch(CompressionType.GZIP, 0);
        batch.putInt(LENGTH_OFFSET, length);
        readEverything(batch);
        assertThatThrownBy(() -> MemoryRecords.readableRecords(batch).validate())
                .isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> RecordBatch.wrap(batch).ensureValid()).isInstanceOf(CorruptRecordException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 4, Integer.MAX_VALUE})
    void lyingRecordCountAndRecordLengths(int lie) {
        for (CompressionType compression : CompressionType.values()) {
            ByteBuffer batch = smallBatch(compression, 0);
            batch.putInt(RECORD_COUNT_OFFSET, lie);
            RecordBatch.writeChecksum(batch);
            readEverything(batch);
            assertThatThrownBy(() -> RecordBatch.wrap(batch).validate()).isInstanceOf(InvalidRecordException.class);
        }
        // a record whose length varint claims more than there is
        ByteBuffer records = ByteBuffer.allocate(16);
        ByteUtils.writeVarint(lie, records);
        records.put(new byte[records.remaining()]).flip();
        ByteBuffer batch = TestBatches.withRecordsSection(smallBatch(CompressionType.NONE, 0), records, 1);
        readEverything(batch);
        assertThatThrownBy(() -> RecordBatch.wrap(batch).records()).isInstanceOf(RecordException.class);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void compressedBombIsCorrupt(CompressionType compression) {
        byte[] zeros = new byte[4 * 1024 * 1024];
        ByteBuffer batch = new RecordBatchBuilder(0).compression(compression).append(1L, null, zeros).build();
        assertThat(RecordBatch.wrap(batch).records()).hasSize(1);
        assertThatThrownBy(() -> RecordBatch.wrap(batch).records(SMALL_LIMIT))
                .isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void validPrefixOfAConcatenationSurvivesAnyCut() {
        List<ByteBuffer> parts = new ArrayList<>();
        long offset = 0;
        for (CompressionType compression : CompressionType.values()) {
            parts.add(smallBatch(compression, offset));
            offset += 3;
        }
        ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(ByteBuffer::limit).sum());
        parts.forEach(p -> all.put(p.duplicate()));
        all.flip();
        List<List<Record>> full = new ArrayList<>();
        MemoryRecords.readableRecords(all).batches().forEach(b -> full.add(b.records()));
        assertThat(full).hasSize(parts.size());

        for (int cut = 0; cut <= all.limit(); cut++) {
            int complete = 0;
            int end = 0;
            while (complete < parts.size() && end + parts.get(complete).limit() <= cut) {
                end += parts.get(complete++).limit();
            }
            List<List<Record>> seen = new ArrayList<>();
            MemoryRecords truncated = MemoryRecords.readableRecords(all.duplicate().limit(cut));
            for (RecordBatch batch : truncated.batches()) {
                batch.ensureValid();
                seen.add(batch.records());
            }
            assertThat(seen).isEqualTo(full.subList(0, complete));
            assertThat(truncated.validBytes()).isEqualTo(end);
            if (cut != end) {
                assertThatThrownBy(() -> truncated.strictBatches().forEach(b -> { }))
                        .isInstanceOf(CorruptRecordException.class);
            }
        }
    }
}
