package io.tributary.cli;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.consumer.WakeupException;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TimeoutException;
import io.tributary.common.TopicPartition;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code console-consumer --bootstrap-server host:port --topic t}: prints each record's value on its own line until
 * {@code --max-messages} records, {@code --timeout-ms} without a record, or Ctrl-C; then "Processed a total of N
 * messages" on standard error. Kafka's {@code kafka-console-consumer}.
 *
 * <p>Without {@code --group} it joins a group of its own, {@code console-consumer-<random>}, with auto-commit off
 * (as Kafka's tool does: such a group is never used again, so its offsets would only take space).
 */
final class ConsoleConsumer implements Tool {
    @Override
    public String name() {
        return "console-consumer";
    }

    @Override
    public String summary() {
        return "Print the records of a topic to standard output.";
    }

    @Override
    public FlagSpec flags() {
        return new FlagSpec()
            .synopsis("--bootstrap-server <host:port> --topic <topic> [flags]")
            .required("--bootstrap-server", "host:port", "The broker(s) to connect to, comma-separated.")
            .required("--topic", "topic", "The topic to read.")
            .flag("--from-beginning", "Start at the earliest record when the group has no committed offset "
                + "(default: only records produced from now on).")
            .value("--group", "group", "The consumer group (default: a new group console-consumer-<random>).")
            .value("--partition", "n", "Read only this partition (assigned, no group unless --group).")
            .value("--offset", "earliest|latest|n", "With --partition: where to start (default latest, or earliest "
                + "with --from-beginning).")
            .value("--max-messages", "n", "Exit after this many records (default: run until Ctrl-C).")
            .value("--timeout-ms", "ms", "Exit when no record arrives for this long.")
            .repeated("--property", "name=value", "Output settings: print.key, print.value, print.partition, "
                + "print.offset, print.timestamp (true|false), key.separator (default tab), line.separator "
                + "(default newline), null.literal (default null).")
            .repeated("--consumer-property", "name=value", "A consumer setting (Kafka's names).")
            .value("--consumer.config", "file", "A properties file of consumer settings.");
    }

    @Override
    public int run(ParsedFlags flags, ToolContext context) throws Exception {
        String bootstrap = flags.get("--bootstrap-server");
        String topic = flags.get("--topic");
        long maxMessages = flags.getLong("--max-messages", -1);
        long timeoutMs = flags.getLong("--timeout-ms", -1);
        if (flags.has("--max-messages") && maxMessages <= 0) {
            throw new UsageException("--max-messages " + maxMessages + " must be above 0");
        }
        RecordFormat format = new RecordFormat(flags.keyValues("--property"));
        Integer partition = flags.has("--partition") ? (int) flags.getLong("--partition", 0) : null;
        String offset = flags.get("--offset", flags.has("--from-beginning") ? "earliest" : "latest");
        if (partition == null && flags.has("--offset")) {
            throw new UsageException("--offset needs --partition");
        }
        if (partition != null && partition < 0) {
            throw new UsageException("--partition " + partition + " must not be negative");
        }
        if (!offset.equals("earliest") && !offset.equals("latest") && !offset.matches("\\d+")) {
            throw new UsageException("--offset " + offset + " (expected: earliest, latest or an offset)");
        }

        Map<String, Object> props = new LinkedHashMap<>();
        props.putAll(flags.propertiesFile("--consumer.config"));
        props.putAll(flags.keyValues("--consumer-property"));
        props.put("bootstrap.servers", bootstrap);
        props.putIfAbsent("default.api.timeout.ms", "10000");
        if (flags.has("--group")) {
            props.put("group.id", flags.get("--group"));
        } else if (partition == null && !props.containsKey("group.id")) {
            props.put("group.id", "console-consumer-" + ThreadLocalRandom.current().nextInt(100_000));
            props.putIfAbsent("enable.auto.commit", "false");
        }
        props.put("auto.offset.reset", flags.has("--from-beginning") ? "earliest" : "latest");
        BrokerProbe.requireReachable(bootstrap);

        long processed = 0;
        PrintStream out = context.out();
        try (TributaryConsumer<byte[], byte[]> consumer = TributaryConsumer.create(props,
                Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer())) {
            context.stop().onStop(consumer::wakeup);
            if (partition == null) {
                consumer.subscribe(List.of(topic));
            } else {
                assign(consumer, new TopicPartition(topic, partition), offset);
            }
            long lastRecord = System.currentTimeMillis();
            outer:
            while (!context.stop().isStopped()) {
                long pollMs = timeoutMs < 0 ? 500 : Math.max(0, Math.min(500, lastRecord + timeoutMs
                    - System.currentTimeMillis()));
                Iterable<ConsumerRecord<byte[], byte[]>> records;
                try {
                    records = consumer.poll(Duration.ofMillis(pollMs));
                } catch (WakeupException e) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    format.write(r, out);
                    processed++;
                    lastRecord = System.currentTimeMillis();
                    if (processed == maxMessages) {
                        break outer;
                    }
                }
                out.flush();
                if (timeoutMs >= 0 && System.currentTimeMillis() - lastRecord >= timeoutMs) {
                    break;
                }
            }
            out.flush();
        } finally {
            context.err().println("Processed a total of " + processed + " messages");
        }
        return 0;
    }

    private static void assign(TributaryConsumer<byte[], byte[]> consumer, TopicPartition tp, String offset) {
        int partitions;
        try {
            partitions = consumer.partitionsFor(tp.topic()).size();
        } catch (TimeoutException e) {
            throw new ToolException("cannot read the partitions of " + tp.topic() + ": " + e.getMessage(), e);
        }
        if (tp.partition() >= partitions) {
            throw new ToolException("partition " + tp.partition() + " of " + tp.topic() + " does not exist (it has "
                + partitions + ")");
        }
        consumer.assign(List.of(tp));
        switch (offset) {
            case "earliest" -> consumer.seekToBeginning(List.of(tp));
            case "latest" -> consumer.seekToEnd(List.of(tp));
            default -> consumer.seek(tp, Long.parseLong(offset));
        }
    }

    /** How a record is printed: Kafka's console-consumer formatter settings, own implementation. */
    static final class RecordFormat {
        private final boolean printKey;
        private final boolean printValue;
        private final boolean printPartition;
        private final boolean printOffset;
        private final boolean printTimestamp;
        private final byte[] keySeparator;
        private final byte[] lineSeparator;
        private final byte[] nullLiteral;

        RecordFormat(Map<String, String> settings) {
            this.printKey = bool(settings, "print.key", false);
            this.printValue = bool(settings, "print.value", true);
            this.printPartition = bool(settings, "print.partition", false);
            this.printOffset = bool(settings, "print.offset", false);
            this.printTimestamp = bool(settings, "print.timestamp", false);
            this.keySeparator = settings.getOrDefault("key.separator", "\t").getBytes(StandardCharsets.UTF_8);
            this.lineSeparator = settings.getOrDefault("line.separator", "\n").getBytes(StandardCharsets.UTF_8);
            this.nullLiteral = settings.getOrDefault("null.literal", "null").getBytes(StandardCharsets.UTF_8);
        }

        private static boolean bool(Map<String, String> settings, String name, boolean fallback) {
            String v = settings.get(name);
            if (v == null) {
                return fallback;
            }
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new UsageException("--property " + name + "=" + v + " (expected: true or false)");
            }
            return Boolean.parseBoolean(v);
        }

        /** Writes the record: timestamp, partition, offset, key, value as chosen, separated by key.separator. */
        void write(ConsumerRecord<byte[], byte[]> r, PrintStream out) {
            boolean first = true;
            if (printTimestamp) {
                String ts = r.timestamp() < 0 ? "NO_TIMESTAMP" : r.timestampType() + ":" + r.timestamp();
                first = field(out, first, ts.getBytes(StandardCharsets.UTF_8));
            }
            if (printPartition) {
                first = field(out, first, ("Partition:" + r.partition()).getBytes(StandardCharsets.UTF_8));
            }
            if (printOffset) {
                first = field(out, first, ("Offset:" + r.offset()).getBytes(StandardCharsets.UTF_8));
            }
            if (printKey) {
                first = field(out, first, r.key() == null ? nullLiteral : r.key());
            }
            if (printValue) {
                field(out, first, r.value() == null ? nullLiteral : r.value());
            }
            out.write(lineSeparator, 0, lineSeparator.length);
        }

        private boolean field(PrintStream out, boolean first, byte[] bytes) {
            if (!first) {
                out.write(keySeparator, 0, keySeparator.length);
            }
            out.write(bytes, 0, bytes.length);
            return false;
        }
    }
}
