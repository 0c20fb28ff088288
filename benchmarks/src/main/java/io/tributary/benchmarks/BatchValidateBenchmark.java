package io.tributary.benchmarks;

import io.tributary.record.BatchSummary;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
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
 * The broker's per-batch produce validation on a 1 MiB uncompressed batch, split into its parts: the CRC alone and
 * the full validation (CRC plus the record walk), on a direct buffer as Netty delivers it.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BatchValidateBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchValidateBenchmark {
    @Param({"100", "1000"})
    public int recordSize;

    private ByteBuffer batch;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        RecordBatchBuilder builder = new RecordBatchBuilder(0);
        byte[] value = new byte[recordSize];
        for (int i = 0; i < (1024 * 1024) / (recordSize + 20); i++) {
            random.nextBytes(value);
            builder.append(System.currentTimeMillis(), ("key-" + i).getBytes(), value.clone());
        }
        ByteBuffer built = builder.build();
        batch = ByteBuffer.allocateDirect(built.remaining()).put(built).flip();
    }

    /** CRC-32C over the batch: the floor of any validation. */
    @Benchmark
    public boolean crcOnly() {
        return RecordBatch.wrap(batch).isValid();
    }

    /** What the log runs on every produced batch: CRC, header checks and a walk over every record. */
    @Benchmark
    public BatchSummary fullValidation() {
        return RecordBatch.wrap(batch).validate();
    }
}
