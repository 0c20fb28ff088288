package io.tributary.record;

import static io.tributary.record.RecordBatchDescriptor.MIN_HEADER_SIZE;
import static io.tributary.record.RecordBatchDescriptor.MIN_RECORD_BODY_SIZE;
import static io.tributary.record.RecordBatchDescriptor.MIN_RECORD_SIZE;
import static io.tributary.record.RecordBatchDescriptor.NULL_LENGTH;
import static io.tributary.record.RecordBatchDescriptor.RECORD_ATTRIBUTES;

import io.tributary.common.ByteUtils;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Encodes and decodes the records of a (decompressed) records section. Stateless. */
final class RecordCodec {
    private RecordCodec() {
    }

    /** Encodes one record, including its length prefix. */
    static byte[] encode(long timestampDelta, int offsetDelta, byte[] key, byte[] value, List<Header> headers) {
        List<byte[]> headerKeys = new ArrayList<>(headers.size());
        int bodySize = Byte.BYTES + ByteUtils.sizeOfVarlong(timestampDelta) + ByteUtils.sizeOfVarint(offsetDelta)
                + sizeOfBytes(key) + sizeOfBytes(value) + ByteUtils.sizeOfVarint(headers.size());
        for (Header header : headers) {
            byte[] headerKey = header.key().getBytes(StandardCharsets.UTF_8);
            headerKeys.add(headerKey);
            bodySize += sizeOfBytes(headerKey) + sizeOfBytes(header.value());
        }
        ByteBuffer out = ByteBuffer.allocate(ByteUtils.sizeOfVarint(bodySize) + bodySize);
        ByteUtils.writeVarint(bodySize, out);
        out.put(RECORD_ATTRIBUTES);
        ByteUtils.writeVarlong(timestampDelta, out);
        ByteUtils.writeVarint(offsetDelta, out);
        writeBytes(key, out);
        writeBytes(value, out);
        ByteUtils.writeVarint(headers.size(), out);
        for (int i = 0; i < headers.size(); i++) {
            writeBytes(headerKeys.get(i), out);
            writeBytes(headers.get(i).value(), out);
        }
        return out.array();
    }

    private static int sizeOfBytes(byte[] bytes) {
        return bytes == null ? ByteUtils.sizeOfVarint(NULL_LENGTH)
                : ByteUtils.sizeOfVarint(bytes.length) + bytes.length;
    }

    private static void writeBytes(byte[] bytes, ByteBuffer out) {
        if (bytes == null) {
            ByteUtils.writeVarint(NULL_LENGTH, out);
        } else {
            ByteUtils.writeVarint(bytes.length, out);
            out.put(bytes);
        }
    }

    /**
     * Decodes exactly {@code count} records that must fill {@code data} completely.
     *
     * @param logAppendTime if not null, every record takes this timestamp (LogAppendTime batches)
     * @throws CorruptRecordException if a record is malformed
     * @throws InvalidRecordException if the number of records does not match {@code count}
     */
    static List<Record> decodeAll(ByteBuffer data, int count, long baseOffset, long baseTimestamp,
                                  Long logAppendTime) {
        if (count < 0) {
            throw new InvalidRecordException("negative record count " + count);
        }
        ByteBuffer in = data.slice();
        List<Record> records = new ArrayList<>(Math.min(count, in.remaining() / MIN_RECORD_SIZE));
        for (int i = 0; i < count; i++) {
            if (!in.hasRemaining()) {
                throw new InvalidRecordException("batch declares " + count + " records but holds only " + i);
            }
            try {
                records.add(decode(in, baseOffset, baseTimestamp, logAppendTime));
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new CorruptRecordException("malformed record " + i + ": " + e, e);
            }
        }
        if (in.hasRemaining()) {
            throw new InvalidRecordException(in.remaining() + " bytes follow the declared " + count + " records");
        }
        return Collections.unmodifiableList(records);
    }

    /** What {@link #scan} learned: the largest record timestamp delta and the index of the first record with it. */
    record ScanResult(long maxTimestampDelta, int indexOfMax) {
    }

    /**
     * Checks the structure of exactly {@code count} records filling {@code data} — lengths, offset deltas 0..n-1 in
     * order, key, value and header bounds — without decoding them into objects or slicing buffers: the broker's
     * produce path, where this walk is most of the per-record cost.
     *
     * @throws CorruptRecordException if a record is malformed
     * @throws InvalidRecordException if the count or the offset deltas do not match
     */
    static ScanResult scan(ByteBuffer data, int count) {
        return scan(data, count, null);
    }

    /** Bytes walked between two CRC updates when the CRC is computed during the walk. */
    private static final int CRC_CHUNK = 16 * 1024;

    /**
     * As {@link #scan(ByteBuffer, int)}, also feeding every byte of {@code data} to {@code crc} (when not null) in
     * chunks that trail the walk, so each part of the batch is brought into cache once for both checks.
     */
    static ScanResult scan(ByteBuffer data, int count, java.util.zip.CRC32C crc) {
        int crcDone = data.position();
        if (count < 0) {
            throw new InvalidRecordException("negative record count " + count);
        }
        Cursor in = new Cursor(data, data.position(), data.limit());
        long maxDelta = Long.MIN_VALUE;
        int indexOfMax = 0;
        for (int i = 0; i < count; i++) {
            if (in.pos >= in.limit) {
                throw new InvalidRecordException("batch declares " + count + " records but holds only " + i);
            }
            int length = in.varint();
            if (length < MIN_RECORD_BODY_SIZE || length > in.limit - in.pos) {
                throw new CorruptRecordException("record " + i + " length " + length + " with "
                        + (in.limit - in.pos) + " bytes remaining");
            }
            int recordEnd = in.pos + length;
            int outerLimit = in.limit;
            Cursor body = in.narrow(recordEnd);
            body.pos++; // record attributes: unused
            long timestampDelta = body.varlong();
            int offsetDelta = body.varint();
            if (offsetDelta != i) {
                throw new InvalidRecordException("record " + i + " has offset delta " + offsetDelta);
            }
            body.skipBytes("key");
            body.skipBytes("value");
            int headerCount = body.varint();
            if (headerCount < 0 || headerCount > (body.limit - body.pos) / MIN_HEADER_SIZE) {
                throw new CorruptRecordException("invalid header count " + headerCount);
            }
            for (int h = 0; h < headerCount; h++) {
                if (body.skipBytes("header key") == NULL_LENGTH) {
                    throw new CorruptRecordException("null header key");
                }
                body.skipBytes("header value");
            }
            if (body.pos != body.limit) {
                throw new CorruptRecordException((body.limit - body.pos) + " unread bytes at the end of record " + i);
            }
            if (timestampDelta > maxDelta) {
                maxDelta = timestampDelta;
                indexOfMax = i;
            }
            in.limit = outerLimit;
            in.pos = recordEnd;
            if (crc != null && recordEnd - crcDone >= CRC_CHUNK) {
                crc.update(data.duplicate().limit(recordEnd).position(crcDone));
                crcDone = recordEnd;
            }
        }
        if (in.pos != in.limit) {
            throw new InvalidRecordException((in.limit - in.pos) + " bytes follow the declared " + count + " records");
        }
        if (crc != null && in.limit > crcDone) {
            crc.update(data.duplicate().limit(in.limit).position(crcDone));
        }
        return new ScanResult(maxDelta, indexOfMax);
    }

    /** Absolute reads of zig-zag varints from a buffer region, checked against its limit. */
    private static final class Cursor {
        private final ByteBuffer buf;
        private int pos;
        private int limit;

        Cursor(ByteBuffer buf, int pos, int limit) {
            this.buf = buf;
            this.pos = pos;
            this.limit = limit;
        }

        /** Limits reads to {@code end} (one record's body); the caller restores the limit afterwards. */
        Cursor narrow(int end) {
            limit = end;
            return this;
        }

        private byte next() {
            if (pos >= limit) {
                throw new CorruptRecordException("record ends inside a varint");
            }
            return buf.get(pos++);
        }

        int varint() {
            int raw = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                byte b = next();
                raw |= (b & 0x7f) << shift;
                if (b >= 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new CorruptRecordException("varint is longer than 5 bytes");
        }

        long varlong() {
            long raw = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                byte b = next();
                raw |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new CorruptRecordException("varlong is longer than 10 bytes");
        }

        /** Skips a length-prefixed byte field; returns its length (-1 for null). */
        int skipBytes(String what) {
            int length = varint();
            if (length == NULL_LENGTH) {
                return length;
            }
            if (length < 0 || length > limit - pos) {
                throw new CorruptRecordException("invalid " + what + " length " + length + " with " + (limit - pos)
                        + " bytes remaining");
            }
            pos += length;
            return length;
        }
    }

    private static Record decode(ByteBuffer in, long baseOffset, long baseTimestamp, Long logAppendTime) {
        int length = ByteUtils.readVarint(in);
        if (length < MIN_RECORD_BODY_SIZE || length > in.remaining()) {
            throw new CorruptRecordException("record length " + length + " with " + in.remaining()
                    + " bytes remaining");
        }
        ByteBuffer body = in.slice();
        body.limit(length);
        in.position(in.position() + length);
        body.get(); // record attributes: unused
        long timestampDelta = ByteUtils.readVarlong(body);
        int offsetDelta = ByteUtils.readVarint(body);
        byte[] key = readBytes(body, "key");
        byte[] value = readBytes(body, "value");
        int headerCount = ByteUtils.readVarint(body);
        if (headerCount < 0 || headerCount > body.remaining() / MIN_HEADER_SIZE) {
            throw new CorruptRecordException("invalid header count " + headerCount);
        }
        List<Header> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            byte[] headerKey = readBytes(body, "header key");
            if (headerKey == null) {
                throw new CorruptRecordException("null header key");
            }
            headers.add(new Header(new String(headerKey, StandardCharsets.UTF_8), readBytes(body, "header value")));
        }
        if (body.hasRemaining()) {
            throw new CorruptRecordException(body.remaining() + " unread bytes at the end of a record");
        }
        long timestamp = logAppendTime != null ? logAppendTime : baseTimestamp + timestampDelta;
        return new Record(baseOffset + offsetDelta, timestamp, key, value,
                Collections.unmodifiableList(headers), true);
    }

    private static byte[] readBytes(ByteBuffer in, String what) {
        int length = ByteUtils.readVarint(in);
        if (length == NULL_LENGTH) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new CorruptRecordException("invalid " + what + " length " + length + " with " + in.remaining()
                    + " bytes remaining");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
