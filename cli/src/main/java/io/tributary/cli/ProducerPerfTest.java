package io.tributary.cli;

import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code producer-perf-test --topic t --num-records n --record-size bytes --throughput rate --producer-props
 * bootstrap.servers=host:port}: sends {@code n} records of random letters as fast as allowed, printing a progress
 * line every reporting interval and a summary with latency percentiles. Kafka's {@code kafka-producer-perf-test}.
 */
final class ProducerPerfTest implements Tool {
    @Override
    public String name() {
        return "producer-perf-test";
    }

    @Override
    public String summary() {
        return "Measure producer throughput and latency.";
    }

    @Override
    public FlagSpec flags() {
        return new FlagSpec()
            .synopsis("--topic <topic> --num-records <n> --record-size <bytes> --throughput <n/s> "
                + "--producer-props bootstrap.servers=<host:port> [name=value]...")
            .required("--topic", "topic", "The topic to send to.")
            .required("--num-records", "n", "How many records to send.")
            .required("--record-size", "bytes", "The size of each record's value.")
            .required("--throughput", "records/s", "The most records per second to send; -1 for no limit.")
            .list("--producer-props", "name=value", "Producer settings (Kafka's names), e.g. "
                + "bootstrap.servers=localhost:9092 acks=1.")
            .value("--producer.config", "file", "A properties file of producer settings.")
            .value("--bootstrap-server", "host:port", "The broker(s); the same as bootstrap.servers in "
                + "--producer-props.")
            .value("--reporting-interval", "ms", "How often to print a progress line (default 5000).");
    }

    @Override
    public int run(ParsedFlags flags, ToolContext context) throws Exception {
        String topic = flags.get("--topic");
        long numRecords = flags.getLong("--num-records", 0);
        long recordSize = flags.getLong("--record-size", 0);
        double throughput = flags.getDouble("--throughput", -1);
        long interval = flags.getLong("--reporting-interval", 5000);
        if (numRecords <= 0) {
            throw new UsageException("--num-records " + numRecords + " must be above 0");
        }
        if (recordSize < 0 || recordSize > Integer.MAX_VALUE - 1024) {
            throw new UsageException("--record-size " + recordSize + " must be between 0 and 2 GiB");
        }
        if (throughput == 0 || interval <= 0) {
            throw new UsageException(throughput == 0 ? "--throughput must be -1 (no limit) or above 0"
                : "--reporting-interval must be above 0");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("max.block.ms", "10000");
        props.putAll(flags.propertiesFile("--producer.config"));
        props.putAll(flags.keyValues("--producer-props"));
        if (flags.has("--bootstrap-server")) {
            props.put("bootstrap.servers", flags.get("--bootstrap-server"));
        }
        Object bootstrap = props.get("bootstrap.servers");
        if (bootstrap == null) {
            throw new UsageException("no bootstrap.servers: give --producer-props bootstrap.servers=host:port, "
                + "--producer.config or --bootstrap-server");
        }
        BrokerProbe.requireReachable(bootstrap.toString());

        byte[] payload = new byte[(int) recordSize];
        Random random = new Random();
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('A' + random.nextInt(26));
        }
        Stats stats = new Stats(numRecords, interval, context.out());
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        try (TributaryProducer<byte[], byte[]> producer = TributaryProducer.create(props,
                Serdes.byteArray().serializer(), Serdes.byteArray().serializer())) {
            for (long i = 0; i < numRecords && !context.stop().isStopped(); i++) {
                long sendStart = System.nanoTime();
                CompletableFuture<?> sent = producer.send(new ProducerRecord<>(topic, payload), (md, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    } else {
                        stats.record((System.nanoTime() - sendStart) / 1_000_000, payload.length);
                    }
                });
                if (sent.isCompletedExceptionally()) {
                    throw new ToolException("cannot send to " + topic + " via " + bootstrap + ": "
                        + cause(sent).getMessage());
                }
                if (throughput > 0) {
                    // hold the average rate: record i+1 is due (i+1)/throughput seconds after the start
                    long due = start + (long) ((i + 1) * 1e9 / throughput);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0 && !context.stop().isStopped()) {
                        LockSupport.parkNanos(wait);
                    }
                }
            }
            producer.flush();
        }
        stats.printSummary();
        if (failed.get() > 0) {
            Throwable e = firstFailure.get();
            throw new ToolException(failed.get() + " of " + numRecords + " records failed: "
                + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        return 0;
    }

    private static Throwable cause(CompletableFuture<?> failed) {
        try {
            failed.join();
            return new IllegalStateException("not failed");
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    /** Acknowledged records: a window for progress lines and totals with sampled latencies. Thread-safe. */
    static final class Stats {
        private static final int MAX_SAMPLES = 500_000;
        private final long startNanos = System.nanoTime();
        private final long intervalMs;
        private final PrintStream out;
        private final int[] samples;
        private final long sampleEvery;
        private int sampleCount;
        private long count;
        private long bytes;
        private long latencySum;
        private long maxLatency;
        private long windowStart = System.nanoTime();
        private long windowCount;
        private long windowBytes;
        private long windowLatencySum;
        private long windowMaxLatency;

        Stats(long expected, long intervalMs, PrintStream out) {
            this.intervalMs = intervalMs;
            this.out = out;
            this.sampleEvery = Math.max(1, expected / MAX_SAMPLES);
            this.samples = new int[(int) Math.min(expected / sampleEvery + 1, MAX_SAMPLES + 1)];
        }

        synchronized void record(long latencyMs, int size) {
            if (count % sampleEvery == 0 && sampleCount < samples.length) {
                samples[sampleCount++] = (int) Math.min(latencyMs, Integer.MAX_VALUE);
            }
            count++;
            bytes += size;
            latencySum += latencyMs;
            maxLatency = Math.max(maxLatency, latencyMs);
            windowCount++;
            windowBytes += size;
            windowLatencySum += latencyMs;
            windowMaxLatency = Math.max(windowMaxLatency, latencyMs);
            long now = System.nanoTime();
            if (now - windowStart >= intervalMs * 1_000_000) {
                double seconds = (now - windowStart) / 1e9;
                out.printf(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, "
                        + "%.1f ms max latency.%n", windowCount, windowCount / seconds,
                    windowBytes / seconds / (1024.0 * 1024.0), (double) windowLatencySum / windowCount,
                    (double) windowMaxLatency);
                windowStart = now;
                windowCount = 0;
                windowBytes = 0;
                windowLatencySum = 0;
                windowMaxLatency = 0;
            }
        }

        synchronized void printSummary() {
            double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
            int[] sorted = Arrays.copyOf(samples, sampleCount);
            Arrays.sort(sorted);
            out.printf(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max latency, "
                    + "%d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.%n", count, count / seconds,
                bytes / seconds / (1024.0 * 1024.0), count == 0 ? 0.0 : (double) latencySum / count,
                (double) maxLatency, percentile(sorted, 0.5), percentile(sorted, 0.95), percentile(sorted, 0.99),
                percentile(sorted, 0.999));
            out.flush();
        }

        private static int percentile(int[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, (long) (p * sorted.length))];
        }
    }
}
