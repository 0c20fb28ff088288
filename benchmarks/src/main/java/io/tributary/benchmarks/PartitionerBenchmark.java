package io.tributary.benchmarks;

import io.tributary.clients.producer.Murmur2;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The default partitioner's choice for a keyed record: murmur2 of the key bytes, made positive, modulo the partition
 * count ({@link Murmur2#partitionForKey}), per key, over 256 distinct keys of the given length.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PartitionerBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PartitionerBenchmark {
    private static final int KEYS = 256;

    @Param({"8", "36", "128"})
    public int keyLength;

    private byte[][] keys;

    @Setup
    public void setUp() {
        keys = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            String k = "k" + i + "-".repeat(keyLength);
            keys[i] = k.substring(0, keyLength).getBytes();
        }
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public int partitionForKey() {
        int sum = 0;
        for (byte[] k : keys) {
            sum += Murmur2.partitionForKey(k, 12);
        }
        return sum;
    }
}
