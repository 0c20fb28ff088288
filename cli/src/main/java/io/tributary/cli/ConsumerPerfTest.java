package io.tributary.cli;

import io.tributary.clients.consumer.ConsumerRebalanceListener;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.consumer.WakeupException;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import java.io.PrintStream;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code consumer-perf-test --bootstrap-server host:port --topic t --messages n}: reads {@code n} records as fast as
 * it can and prints Kafka's comma-separated statistics (one summary line, or with {@code --show-detailed-stats} a
 * line per reporting interval). Kafka's {@code kafka-consumer-perf-test}.
 */
final class ConsumerPerfTest implements Tool {
    private static final String SUMMARY_HEADER = "start.time, end.time, data.consumed.in.MB, MB.sec, "
        + "data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";
    private static final String DETAILED_HEADER = "time, threadId, data.consumed.in.MB, MB.sec, "
        + "data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";

    @Override
    public String name() {
        return "consumer-perf-test";
    }

    @Override
    public String summary() {
        return "Measure consumer throughput.";
    }

    @Override
    public FlagSpec flags() {
        return new FlagSpec()
            .synopsis("--bootstrap-server <host:port> --topic <topic> --messages <n> [flags]")
            .required("--bootstrap-server", "host:port", "The broker(s) to connect to, comma-separated.")
            .required("--topic", "topic", "The topic to read.")
            .required("--messages", "n", "How many records to read.")
            .value("--group", "group", "The consumer group (default: perf-consumer-<random>).")
            .value("--timeout", "ms", "Stop when no record arrives for this long (default 10000).")
            .flag("--show-detailed-stats", "Print a statistics line every reporting interval instead of one "
                + "summary.")
            .value("--reporting-interval", "ms", "The interval of --show-detailed-stats lines (default 5000).")
            .flag("--from-latest", "Start at the end of the topic when the group has no committed offset "
                + "(default: the beginning).")
            .value("--fetch-size", "bytes", "max.partition.fetch.bytes (default 1048576).")
            .flag("--hide-header", "Do not print the header line.")
            .value("--date-format", "pattern", "SimpleDateFormat of the times (default yyyy-MM-dd HH:mm:ss:SSS).")
            .value("--consumer.config", "file", "A properties file of consumer settings.");
    }

    @Override
    public int run(ParsedFlags flags, ToolContext context) throws Exception {
        String bootstrap = flags.get("--bootstrap-server");
        String topic = flags.get("--topic");
        long messages = flags.getLong("--messages", 0);
        long timeoutMs = flags.getLong("--timeout", 10_000);
        long interval = flags.getLong("--reporting-interval", 5000);
        boolean detailed = flags.has("--show-detailed-stats");
        if (messages <= 0 || timeoutMs <= 0 || interval <= 0) {
            throw new UsageException("--messages, --timeout and --reporting-interval must be above 0");
        }
        SimpleDateFormat dates;
        try {
            dates = new SimpleDateFormat(flags.get("--date-format", "yyyy-MM-dd HH:mm:ss:SSS"), Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--date-format: " + e.getMessage());
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.putAll(flags.propertiesFile("--consumer.config"));
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", flags.get("--group", "perf-consumer-" + ThreadLocalRandom.current().nextInt(100_000)));
        props.put("auto.offset.reset", flags.has("--from-latest") ? "latest" : "earliest");
        props.put("enable.auto.commit", props.getOrDefault("enable.auto.commit", "false"));
        if (flags.has("--fetch-size")) {
            props.put("max.partition.fetch.bytes", Long.toString(flags.getLong("--fetch-size", 1 << 20)));
        }
        BrokerProbe.requireReachable(bootstrap);

        PrintStream out = context.out();
        if (!flags.has("--hide-header")) {
            out.println(detailed ? DETAILED_HEADER : SUMMARY_HEADER);
        }
        long start = System.currentTimeMillis();
        long[] joined = {-1};
        long count = 0;
        long bytes = 0;
        long windowStart = start;
        long windowCount = 0;
        long windowBytes = 0;
        boolean timedOut = false;
        try (TributaryConsumer<byte[], byte[]> consumer = TributaryConsumer.create(props,
                Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())) {
            context.stop().onStop(consumer::wakeup);
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (joined[0] < 0) {
                        joined[0] = System.currentTimeMillis();
                    }
                }
            });
            long lastRecord = System.currentTimeMillis();
            try {
                while (count < messages && !context.stop().isStopped()) {
                    boolean any = false;
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        long size = Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
                        count++;
                        bytes += size;
                        windowCount++;
                        windowBytes += size;
                        any = true;
                    }
                    long now = System.currentTimeMillis();
                    if (any) {
                        lastRecord = now;
                    }
                    if (detailed && now - windowStart >= interval) {
                        out.println(detailedLine(dates, now, now - windowStart, bytes, count, windowBytes,
                            windowCount, rebalanceMs(start, joined[0])));
                        windowStart = now;
                        windowCount = 0;
                        windowBytes = 0;
                    }
                    if (now - lastRecord >= timeoutMs) {
                        timedOut = true;
                        break;
                    }
                }
            } catch (WakeupException e) {
                // Ctrl-C: report what was read
            }
        }
        long end = System.currentTimeMillis();
        if (timedOut) {
            context.err().println("WARNING: Exiting before consuming the expected number of messages: timeout ("
                + timeoutMs + " ms) exceeded. You can use the --timeout option to increase the timeout.");
        }
        if (detailed) {
            if (windowCount > 0) {
                out.println(detailedLine(dates, end, end - windowStart, bytes, count, windowBytes, windowCount,
                    rebalanceMs(start, joined[0])));
            }
        } else {
            long rebalance = rebalanceMs(start, joined[0]);
            long fetchMs = Math.max(1, end - start - rebalance);
            double mb = bytes / (1024.0 * 1024.0);
            double seconds = Math.max(0.001, (end - start) / 1000.0);
            out.println(String.format(Locale.ROOT, "%s, %s, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f",
                dates.format(new Date(start)), dates.format(new Date(end)), mb, mb / seconds, count, count / seconds,
                rebalance, fetchMs, mb / (fetchMs / 1000.0), count / (fetchMs / 1000.0)));
        }
        out.flush();
        return 0;
    }

    private static long rebalanceMs(long start, long joined) {
        return joined < 0 ? 0 : joined - start;
    }

    /** Kafka's detailed line: totals so far, rates over the window. */
    private static String detailedLine(SimpleDateFormat dates, long now, long windowMs, long totalBytes,
                                       long totalCount, long windowBytes, long windowCount, long rebalanceMs) {
        double windowMb = windowBytes / (1024.0 * 1024.0);
        double seconds = Math.max(0.001, windowMs / 1000.0);
        return String.format(Locale.ROOT, "%s, %d, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f",
            dates.format(new Date(now)), 0, totalBytes / (1024.0 * 1024.0), windowMb / seconds, totalCount,
            windowCount / seconds, rebalanceMs, windowMs, windowMb / seconds, windowCount / seconds);
    }
}
