package io.tributary.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;

/** Test bridge to Apache Kafka's record classes, used as the reference implementation. */
final class KafkaOracle {
    private KafkaOracle() {
    }

    static Compression compression(CompressionType type) {
        return Compression.of(type.name).build();
    }

    static org.apache.kafka.common.record.TimestampType timestampType(TimestampType type) {
        return type == TimestampType.LOG_APPEND_TIME ? org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME
                : org.apache.kafka.common.record.TimestampType.CREATE_TIME;
    }

    /** Producer and batch settings shared by both builders. */
    record Settings(CompressionType compression, TimestampType timestampType, long baseOffset, long logAppendTime,
                    long producerId, short producerEpoch, int baseSequence, boolean transactional,
                    int partitionLeaderEpoch) {
        static Settings plain(CompressionType compression) {
            return new Settings(compression, TimestampType.CREATE_TIME, 0L, -1L, -1L, (short) -1, -1, false, -1);
        }

        RecordBatchBuilder ours() {
            RecordBatchBuilder builder = new RecordBatchBuilder(baseOffset).compression(compression)
                    .producer(producerId, producerEpoch, baseSequence).transactional(transactional)
                    .partitionLeaderEpoch(partitionLeaderEpoch);
            return timestampType == TimestampType.LOG_APPEND_TIME ? builder.logAppendTime(logAppendTime) : builder;
        }
    }

    /** Kafka builds one batch holding {@code records} (their offsets are ignored). */
    static ByteBuffer build(Settings s, List<Record> records) {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, (byte) 2, compression(s.compression()),
                timestampType(s.timestampType()), s.baseOffset(), s.logAppendTime(), s.producerId(),
                s.producerEpoch(), s.baseSequence(), s.transactional(), s.partitionLeaderEpoch());
        for (Record r : records) {
            builder.append(r.timestamp(), r.key(), r.value(), kafkaHeaders(r.headers()));
        }
        return builder.build().buffer();
    }

    /** Our builder builds one batch holding {@code records} (their offsets are ignored). */
    static ByteBuffer buildOurs(Settings s, List<Record> records) {
        RecordBatchBuilder builder = s.ours();
        for (Record r : records) {
            builder.append(r.timestamp(), r.key(), r.value(), r.headers());
        }
        return builder.build();
    }

    static org.apache.kafka.common.header.Header[] kafkaHeaders(List<Header> headers) {
        return headers.stream().map(h -> new RecordHeader(h.key(), h.value()))
                .toArray(org.apache.kafka.common.header.Header[]::new);
    }

    /** Kafka's view of a batch's records, converted to our model. */
    static List<Record> records(org.apache.kafka.common.record.internal.RecordBatch batch) {
        List<Record> out = new ArrayList<>();
        for (org.apache.kafka.common.record.internal.Record r : batch) {
            List<Header> headers = new ArrayList<>();
            for (org.apache.kafka.common.header.Header h : r.headers()) {
                headers.add(new Header(h.key(), h.value()));
            }
            out.add(new Record(r.offset(), r.timestamp(), bytes(r.key()), bytes(r.value()), headers));
        }
        return out;
    }

    /** The single batch Kafka finds in {@code buffer}, CRC-checked. */
    static org.apache.kafka.common.record.internal.MutableRecordBatch onlyBatch(ByteBuffer buffer) {
        List<org.apache.kafka.common.record.internal.MutableRecordBatch> batches = new ArrayList<>();
        MemoryRecords.readableRecords(buffer.duplicate()).batches().forEach(batches::add);
        if (batches.size() != 1) {
            throw new AssertionError("expected one batch, got " + batches.size());
        }
        batches.get(0).ensureValid();
        return batches.get(0);
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Same records with offsets assigned from {@code baseOffset}, and timestamps overridden if given. */
    static List<Record> withOffsets(List<Record> records, long baseOffset, Long timestamp) {
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            out.add(new Record(baseOffset + i, timestamp != null ? timestamp : r.timestamp(), r.key(), r.value(),
                    r.headers()));
        }
        return out;
    }
}
