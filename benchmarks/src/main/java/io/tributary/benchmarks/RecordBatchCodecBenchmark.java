package io.tributary.benchmarks;

import io.tributary.record.CompressionType;
import io.tributary.record.Record;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding one record batch of 1,000 records with 100-byte values (and 10-byte keys) uncompressed, with
 * lz4 and with zstd. The values are half random, half repeated bytes, so the codecs have something to compress.
 * Encode = append every record and build (compress, CRC); decode = decompress and materialise every record.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RecordBatchCodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordBatchCodecBenchmark {
    private static final int RECORDS = 1000;
    private static final int VALUE_SIZE = 100;

    @Param({"none", "lz4", "zstd"})
    public String compression;

    private CompressionType type;
    private byte[][] keys;
    private byte[][] values;
    private ByteBuffer encoded;
    private long timestamp;

    @Setup
    public void setUp() {
        type = CompressionType.forName(compression);
        Random random = new Random(42);
        keys = new byte[RECORDS][];
        values = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            keys[i] = String.format("key-%06d", i).getBytes();
            values[i] = new byte[VALUE_SIZE];
            random.nextBytes(values[i]);
            java.util.Arrays.fill(values[i], VALUE_SIZE / 2, VALUE_SIZE, (byte) 'x');
        }
        timestamp = System.currentTimeMillis();
        encoded = encode();
    }

    @Benchmark
    public ByteBuffer encode() {
        RecordBatchBuilder builder = new RecordBatchBuilder(0).compression(type);
        for (int i = 0; i < RECORDS; i++) {
            builder.append(timestamp + i, keys[i], values[i]);
        }
        return builder.build();
    }

    @Benchmark
    public List<Record> decode() {
        return RecordBatch.wrap(encoded.duplicate()).records();
    }
}
