package io.tributary.benchmarks;

import io.tributary.broker.log.LogConfig;
import io.tributary.broker.log.PartitionLog;
import io.tributary.common.Time;
import io.tributary.record.MemoryRecords;
import io.tributary.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending 1 MiB record batches to a {@link PartitionLog} beside a plain sequential {@link FileChannel} write of the
 * same bytes to the same disk: the cost of validation (CRC, record walk), offset assignment, indexing and rolling.
 * Both run without fsync, as Kafka's defaults do; both recycle their files so the disk does not fill up.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LogAppendBenchmark}. The commit-log issue's target is
 * a log append throughput of at least 80% of the plain write.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class LogAppendBenchmark {
    /**
     * Both sides recycle their files after about this much data. It is kept well below the kernel's dirty-page
     * thresholds: with Kafka's 1 GiB segments and 2 GiB kept, the log's writes hit dirty-page throttling (the plain
     * file, truncated first, does not), and the comparison measured the disk rather than the log (2018 vs 4192
     * ops/s for 1 KiB records in one run).
     */
    private static final long RECYCLE_BYTES = 512L * 1024 * 1024;

    /** Bytes of each record's value; the batch holds as many as fit in 1 MiB. */
    @Param({"100", "1000"})
    public int recordSize;

    private Path dir;
    private ByteBuffer batch;
    private PartitionLog log;
    private FileChannel plain;
    private long plainPosition;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("tributary-bench");
        Random random = new Random(42);
        RecordBatchBuilder builder = new RecordBatchBuilder(0);
        byte[] value = new byte[recordSize];
        int records = (1024 * 1024) / (recordSize + 20);
        for (int i = 0; i < records; i++) {
            random.nextBytes(value);
            builder.append(System.currentTimeMillis(), ("key-" + i).getBytes(), value.clone());
        }
        // a direct buffer, as Netty hands the broker request bytes: neither path pays a heap-to-native copy
        ByteBuffer built = builder.build();
        batch = ByteBuffer.allocateDirect(built.remaining()).put(built).flip();
        log = PartitionLog.open(dir.resolve("bench-0"), LogConfig.from(Map.of(
            LogConfig.SEGMENT_BYTES, 128 * 1024 * 1024, LogConfig.RETENTION_BYTES, RECYCLE_BYTES,
            LogConfig.FILE_DELETE_DELAY_MS, 0L, LogConfig.MAX_MESSAGE_BYTES, 2 * 1024 * 1024)),
            Time.SYSTEM, null, 0, 0, true);
        plain = FileChannel.open(dir.resolve("plain.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        plain.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One 1 MiB batch through the log: validate, assign offsets, write, index. */
    @Benchmark
    public long logAppend() {
        long last = log.append(batch.duplicate()).lastOffset();
        if (log.size() > RECYCLE_BYTES + 128L * 1024 * 1024) {
            log.deleteOldSegments();
        }
        return last;
    }

    /**
     * The plain write preceded by the same batch validation the log performs (CRC and record walk): separates the
     * validation's cost from the log's own (offsets, indexes, rolling).
     */
    @Benchmark
    public long validateThenWrite() throws IOException {
        MemoryRecords.readableRecords(batch.duplicate()).validate();
        return fileChannelWrite();
    }

    /** The same bytes appended to a file with a positional write, the floor the log is measured against. */
    @Benchmark
    public long fileChannelWrite() throws IOException {
        ByteBuffer src = batch.duplicate();
        while (src.hasRemaining()) {
            plainPosition += plain.write(src, plainPosition);
        }
        if (plainPosition > RECYCLE_BYTES) {
            plain.truncate(0);
            plainPosition = 0;
        }
        return plainPosition;
    }
}
