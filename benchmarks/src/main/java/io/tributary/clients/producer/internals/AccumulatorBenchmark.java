package io.tributary.clients.producer.internals;

import io.tributary.clients.Cluster;
import io.tributary.clients.Node;
import io.tributary.clients.PartitionInfo;
import io.tributary.clients.producer.Callback;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.Uuid;
import io.tributary.record.CompressionType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The producer's path without the network, per record: append 10,000 records of 100 bytes (no key) round-robin over
 * 4 partitions into a {@link RecordAccumulator} (64 KiB batches from a {@link BufferPool}), then, as the sender
 * does, drain every batch (which closes it: header, compression), stamp it (the CRC), complete its records'
 * callbacks with offsets and give its buffer back. It lives in the accumulator's package because batches are
 * stamped and completed through package-private methods, as only the sender may.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AccumulatorBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class AccumulatorBenchmark {
    private static final int RECORDS = 10_000;
    private static final int PARTITIONS = 4;
    private static final String TOPIC = "bench";

    @Param({"none", "lz4"})
    public String compression;

    private RecordAccumulator accumulator;
    private Cluster cluster;
    private Set<Node> nodes;
    private TopicPartition[] partitions;
    private byte[] value;
    private long acked;
    private final Callback callback = (metadata, exception) -> acked++;

    @Setup(Level.Trial)
    public void setUp() {
        Node node = new Node(1, "127.0.0.1", 9092);
        nodes = Set.of(node);
        List<PartitionInfo> infos = IntStream.range(0, PARTITIONS)
            .mapToObj(p -> new PartitionInfo(TOPIC, p, node, 0, List.of(node), List.of(node))).toList();
        cluster = new Cluster("bench", 1, Map.of(1, node),
            Map.of(TOPIC, new Cluster.Topic(TOPIC, new Uuid(1, 1), Errors.NONE, false, infos)), 1);
        partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p))
            .toArray(TopicPartition[]::new);
        accumulator = new RecordAccumulator(64 * 1024, 5, CompressionType.forName(compression),
            new BufferPool(32L * 1024 * 1024, 64 * 1024), () -> { });
        value = new byte[100];
        new Random(42).nextBytes(value);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (acked == 0) {
            throw new IllegalStateException("no callback ran");
        }
        accumulator.close();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int appendAndDrain() throws InterruptedException {
        long now = System.currentTimeMillis();
        for (int i = 0; i < RECORDS; i++) {
            accumulator.append(partitions[i % PARTITIONS], now, null, value, List.of(), callback, 1000);
        }
        accumulator.beginFlush();
        int batches = 0;
        try {
            while (accumulator.hasIncomplete()) {
                for (List<ProducerBatch> drained : accumulator.drain(cluster, nodes, 1024 * 1024, now, b -> true)
                    .values()) {
                    for (ProducerBatch b : drained) {
                        b.stamp(-1, (short) -1, -1);
                        b.complete(batches * 1000L, -1);
                        accumulator.deallocate(b);
                        batches++;
                    }
                }
            }
        } finally {
            accumulator.endFlush();
        }
        return batches;
    }
}
