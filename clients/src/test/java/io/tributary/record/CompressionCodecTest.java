package io.tributary.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.kafka.common.compress.Lz4BlockInputStream;
import org.apache.kafka.common.compress.Lz4BlockOutputStream;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

class CompressionCodecTest {
    private static byte[] sample(int size, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt() : i / 97);
        }
        return data;
    }

    private static byte[] toArray(ByteBuffer buffer) {
        return KafkaOracle.bytes(buffer);
    }

    @Test
    void namesAndIdsMatchKafka() {
        for (CompressionType type : CompressionType.values()) {
            var kafka = org.apache.kafka.common.record.internal.CompressionType.forId(type.id);
            assertThat(kafka.name).isEqualTo(type.name);
            assertThat(CompressionType.forName(type.name.toUpperCase())).isSameAs(type);
            assertThat(CompressionType.forId(type.id)).isSameAs(type);
        }
        assertThatThrownBy(() -> CompressionType.forId(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5");
        assertThatThrownBy(() -> CompressionType.forName("brotli")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brotli");
        assertThatThrownBy(() -> CompressionType.forName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void roundTripsAndBoundsOutput(CompressionType type) {
        for (int size : new int[] {0, 1, 65_535, 65_536, 65_537, 300_000}) {
            byte[] data = sample(size, size);
            byte[] compressed = type.compress(data, 0, data.length);
            assertThat(toArray(type.decompress(ByteBuffer.wrap(compressed), data.length))).isEqualTo(data);
            if (size > 0 && type != CompressionType.NONE) {
                assertThatThrownBy(() -> type.decompress(ByteBuffer.wrap(compressed), data.length - 1))
                        .isInstanceOf(CorruptRecordException.class);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"false,false,false", "true,false,false", "false,true,false", "false,false,true", "true,true,true"})
    void lz4ReaderAcceptsOptionalFrameFields(boolean blockChecksum, boolean contentChecksum, boolean contentSize)
            throws IOException {
        byte[] data = sample(200_000, 3);
        byte[] frame = new Lz4Codec(blockChecksum, contentChecksum, contentSize).compress(data, 0, data.length);
        assertThat(toArray(new Lz4Codec().decompress(ByteBuffer.wrap(frame), data.length))).isEqualTo(data);
        if (!contentSize) { // Kafka's reader rejects the content size flag
            assertThat(readWithKafka(frame)).isEqualTo(data);
        }
        // any single corrupted byte in a checksum-protected frame is detected or fails decoding
        for (int i = 4; i < frame.length; i += 997) {
            byte[] broken = frame.clone();
            broken[i] ^= 0x5A;
            try {
                byte[] out = toArray(new Lz4Codec().decompress(ByteBuffer.wrap(broken), data.length));
                if (blockChecksum || contentChecksum) {
                    assertThat(out).as("undetected corruption at %d", i).isEqualTo(data);
                }
            } catch (CorruptRecordException expected) {
                // detected
            } catch (RuntimeException e) {
                // lz4-java reports malformed blocks with LZ4Exception; CompressionType wraps it
                assertThat(e).isInstanceOf(net.jpountz.lz4.LZ4Exception.class);
            }
        }
    }

    @Test
    void lz4FramesFromKafkaAreRead() throws IOException {
        byte[] data = sample(150_000, 4);
        for (boolean blockChecksum : new boolean[] {false, true}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Lz4BlockOutputStream out = new Lz4BlockOutputStream(bytes, Lz4BlockOutputStream.BLOCKSIZE_64KB, 9,
                    blockChecksum, false)) {
                out.write(data);
            }
            assertThat(toArray(CompressionType.LZ4.decompress(ByteBuffer.wrap(bytes.toByteArray()), data.length)))
                    .isEqualTo(data);
        }
        byte[] ours = CompressionType.LZ4.compress(data, 0, data.length);
        assertThat(readWithKafka(ours)).isEqualTo(data);
        // Kafka's flags exactly: version 01 + block independence, 64 KiB blocks
        assertThat(ours[Lz4FrameDescriptor.FLG_OFFSET]).isEqualTo((byte) 0x60);
        assertThat(ours[Lz4FrameDescriptor.BD_OFFSET]).isEqualTo((byte) 0x40);
    }

    @Test
    void lz4HeaderChecksumIsVerified() {
        byte[] frame = CompressionType.LZ4.compress(new byte[10], 0, 10);
        frame[Lz4FrameDescriptor.OPTIONAL_FIELDS_OFFSET] ^= 1;
        assertThatThrownBy(() -> CompressionType.LZ4.decompress(ByteBuffer.wrap(frame), 100))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("header checksum");
    }

    private static byte[] readWithKafka(byte[] frame) throws IOException {
        try (InputStream in = new Lz4BlockInputStream(ByteBuffer.wrap(frame), BufferSupplier.create(), false)) {
            return in.readAllBytes();
        }
    }

    @Test
    void snappyConcatenatedStreamsAndRawBlocksAreRead() throws IOException {
        byte[] a = sample(70_000, 5);
        byte[] b = sample(10, 6);
        byte[] first = CompressionType.SNAPPY.compress(a, 0, a.length);
        byte[] second = CompressionType.SNAPPY.compress(b, 0, b.length);
        ByteBuffer both = ByteBuffer.allocate(first.length + second.length).put(first).put(second).flip();
        byte[] expected = ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
        assertThat(toArray(CompressionType.SNAPPY.decompress(both, expected.length))).isEqualTo(expected);

        byte[] raw = Snappy.compress(a);
        assertThat(toArray(CompressionType.SNAPPY.decompress(ByteBuffer.wrap(raw), a.length))).isEqualTo(a);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void decompressionBombIsRefused(CompressionType type) {
        byte[] zeros = new byte[8 * 1024 * 1024];
        byte[] bomb = type.compress(zeros, 0, zeros.length);
        assertThatThrownBy(() -> type.decompress(ByteBuffer.wrap(bomb), 1024 * 1024))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("exceed");
    }
}
