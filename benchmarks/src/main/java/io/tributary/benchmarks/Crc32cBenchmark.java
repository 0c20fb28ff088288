package io.tributary.benchmarks;

import io.tributary.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
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
 * CRC-32C over 1 MiB: the JDK's {@link CRC32C} on the bytes, and {@link RecordBatch#writeChecksum} (what the
 * producer runs on each batch), on a heap and on a direct buffer. The figure is the floor of batch validation
 * (see {@link BatchValidateBenchmark}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Crc32cBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Crc32cBenchmark {
    private static final int SIZE = 1024 * 1024;

    @Param({"heap", "direct"})
    public String buffer;

    private ByteBuffer data;

    @Setup
    public void setUp() {
        byte[] bytes = new byte[SIZE];
        new Random(42).nextBytes(bytes);
        data = buffer.equals("direct") ? ByteBuffer.allocateDirect(SIZE).put(bytes).flip() : ByteBuffer.wrap(bytes);
    }

    @Benchmark
    public long crc32c() {
        CRC32C crc = new CRC32C();
        crc.update(data.duplicate());
        return crc.getValue();
    }

    /** The batch CRC as the producer stamps it (from the attributes field to the end). */
    @Benchmark
    public int writeBatchChecksum() {
        RecordBatch.writeChecksum(data);
        return data.getInt(17);
    }
}
