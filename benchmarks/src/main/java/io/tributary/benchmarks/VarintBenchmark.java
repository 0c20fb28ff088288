package io.tributary.benchmarks;

import io.tributary.common.ByteUtils;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Zig-zag varint and varlong write and read ({@link ByteUtils}), per value, over 1,024 values whose encoded sizes
 * are a mix like a record's fields: mostly 1-2 bytes (lengths, offset deltas), some 3-5 (timestamp deltas).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar VarintBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VarintBenchmark {
    private static final int N = 1024;

    private final int[] ints = new int[N];
    private final long[] longs = new long[N];
    private final ByteBuffer intBuf = ByteBuffer.allocate(N * 5);
    private final ByteBuffer longBuf = ByteBuffer.allocate(N * 10);

    @Setup
    public void setUp() {
        Random random = new Random(42);
        for (int i = 0; i < N; i++) {
            int bits = switch (random.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> 6;
                case 5, 6, 7 -> 13;
                case 8 -> 20;
                default -> 31;
            };
            ints[i] = random.nextInt(1 << Math.min(bits, 30)) * (random.nextBoolean() ? 1 : -1);
            longs[i] = (long) ints[i] * (random.nextBoolean() ? 1 : 1_000_003L);
        }
        writeVarint();
        writeVarlong();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int writeVarint() {
        intBuf.clear();
        for (int v : ints) {
            ByteUtils.writeVarint(v, intBuf);
        }
        return intBuf.position();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long readVarint() {
        intBuf.rewind();
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += ByteUtils.readVarint(intBuf);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int writeVarlong() {
        longBuf.clear();
        for (long v : longs) {
            ByteUtils.writeVarlong(v, longBuf);
        }
        return longBuf.position();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long readVarlong() {
        longBuf.rewind();
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += ByteUtils.readVarlong(longBuf);
        }
        return sum;
    }
}
