package io.tributary.broker.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Looking up a random offset (and a random timestamp) in a segment's memory-mapped {@link OffsetIndex} (and
 * {@link TimeIndex}) holding the given number of entries: what a fetch from an arbitrary position and
 * ListOffsets by time pay before reading the log. In the log's package because the indexes are package-private.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IndexLookupBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IndexLookupBenchmark {
    private static final int LOOKUPS = 1024;
    private static final long BASE_OFFSET = 1_000_000L;
    /** Offsets between two entries, as with ~4 KiB index.interval.bytes and ~100-byte records. */
    private static final int OFFSETS_PER_ENTRY = 40;

    /** Entries in the index; 131,072 is about a full 1 GiB segment at the default index interval. */
    @Param({"1024", "131072"})
    public int entries;

    private Path dir;
    private OffsetIndex offsetIndex;
    private TimeIndex timeIndex;
    private final long[] offsets = new long[LOOKUPS];
    private final long[] timestamps = new long[LOOKUPS];

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("index-bench");
        int maxBytes = 16 * 1024 * 1024;
        offsetIndex = new OffsetIndex(dir.resolve("0.index"), BASE_OFFSET, maxBytes);
        timeIndex = new TimeIndex(dir.resolve("0.timeindex"), BASE_OFFSET, maxBytes);
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < entries; i++) {
            long offset = BASE_OFFSET + (long) i * OFFSETS_PER_ENTRY;
            offsetIndex.append(offset, i * 4096);
            timeIndex.maybeAppend(t0 + i * 10L, offset);
        }
        Random random = new Random(42);
        long span = (long) entries * OFFSETS_PER_ENTRY;
        for (int i = 0; i < LOOKUPS; i++) {
            offsets[i] = BASE_OFFSET + (long) (random.nextDouble() * span);
            timestamps[i] = t0 + (long) (random.nextDouble() * entries * 10L);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        offsetIndex.close();
        timeIndex.close();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public long offsetLookup() {
        long sum = 0;
        for (long o : offsets) {
            sum += offsetIndex.lookup(o).position();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public long timeLookup() {
        long sum = 0;
        for (long t : timestamps) {
            sum += timeIndex.lookup(t).offset();
        }
        return sum;
    }
}
