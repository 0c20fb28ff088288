package io.tributary.broker;

import io.tributary.broker.log.LogConfig;
import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigDef.Range;
import io.tributary.common.config.ConfigDef.Type;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ParsedConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Broker settings with Kafka's names and defaults ({@code server.properties}). Keys that do not apply to a single
 * node are kept in {@link #unknown()} so the broker can log them once. Immutable.
 */
public final class BrokerConfig {
    static final ConfigDef DEF = new ConfigDef()
        .define("listeners", Type.STRING, "PLAINTEXT://127.0.0.1:9092", "Where the broker listens (one PLAINTEXT listener).")
        .define("advertised.listeners", Type.STRING, null, "The address given to clients; defaults to listeners.")
        .define("node.id", Type.INT, 1, Range.atLeast(0), "This broker's id.")
        .define("log.dirs", Type.LIST, null, "Directories for partition data (a comma-separated list).")
        .define("log.dir", Type.STRING, "./data/broker-lite", "The data directory when log.dirs is not set.")
        .define("num.partitions", Type.INT, 1, Range.atLeast(1), "Partitions of an auto-created topic.")
        .define("auto.create.topics.enable", Type.BOOLEAN, true, "Create a topic on first metadata request or produce.")
        .define("default.replication.factor", Type.INT, 1, Range.between(1, 1), "Always 1: broker-lite is single-node.")
        .define("log.retention.hours", Type.INT, 168, "Retention in hours (used when log.retention.ms/minutes are unset).")
        .define("log.retention.minutes", Type.INT, null, "Retention in minutes (used when log.retention.ms is unset).")
        .define("log.retention.ms", Type.LONG, null, "Retention in milliseconds; -1 keeps data forever.")
        .define("log.retention.bytes", Type.LONG, -1L, "Size limit of one partition; -1 means none.")
        .define("log.segment.bytes", Type.INT, 1024 * 1024 * 1024, Range.atLeast(14), "Size of one segment file.")
        .define("log.roll.hours", Type.INT, 168, Range.atLeast(1), "Roll a segment after this many hours.")
        .define("log.roll.ms", Type.LONG, null, "Roll a segment after this many milliseconds.")
        .define("log.index.interval.bytes", Type.INT, 4096, Range.atLeast(0), "Bytes between offset index entries.")
        .define("log.index.size.max.bytes", Type.INT, 10 * 1024 * 1024, Range.atLeast(4), "Largest index file.")
        .define("log.flush.interval.messages", Type.LONG, Long.MAX_VALUE, Range.atLeast(1), "fsync after this many records.")
        .define("log.flush.interval.ms", Type.LONG, null, "fsync when unflushed data is this old.")
        .define("log.cleanup.policy", Type.LIST, "delete", "Default cleanup.policy of topics.")
        .define("log.message.timestamp.type", Type.STRING, "CreateTime", "Default message.timestamp.type of topics.")
        .define("log.retention.check.interval.ms", Type.LONG, 300_000L, Range.atLeast(1), "How often retention runs.")
        .define("log.flush.scheduler.interval.ms", Type.LONG, 1_000L, Range.atLeast(0), "How often flush.ms is checked.")
        .define("log.flush.offset.checkpoint.interval.ms", Type.LONG, 60_000L, Range.atLeast(0), "How often recovery points are saved.")
        .define("log.cleaner.enable", Type.BOOLEAN, true, "Run compaction for compacted topics.")
        .define("log.cleaner.backoff.ms", Type.LONG, 15_000L, Range.atLeast(0), "Pause between compaction passes.")
        .define("log.cleaner.dedupe.buffer.size", Type.LONG, 16L * 1024 * 1024, Range.atLeast(1024),
            "Memory for the compaction key map (Kafka's default is 128 MiB; an embedded broker often has a small heap).")
        .define("log.cleaner.delete.retention.ms", Type.LONG, 86_400_000L, Range.atLeast(0), "Default delete.retention.ms.")
        .define("log.cleaner.min.cleanable.ratio", Type.DOUBLE, 0.5, Range.between(0, 1), "Default min.cleanable.dirty.ratio.")
        .define("message.max.bytes", Type.INT, 1048588, Range.atLeast(0), "Largest record batch (topic max.message.bytes).")
        .define("socket.request.max.bytes", Type.INT, 104857600, Range.atLeast(1), "Largest request frame.")
        .define("queued.max.requests", Type.INT, 500, Range.atLeast(1), "Requests queued per connection before reading pauses.")
        .define("num.network.threads", Type.INT, 3, Range.atLeast(1), "Network (event loop) threads.")
        .define("file.delete.delay.ms", Type.LONG, 60_000L, Range.atLeast(0), "Delay before deleted segments are removed.")
        .define("group.initial.rebalance.delay.ms", Type.INT, 3000, Range.atLeast(0),
            "How long a new, empty consumer group waits for more members before its first rebalance.")
        .define("group.min.session.timeout.ms", Type.INT, 6000, Range.atLeast(1), "Smallest session timeout a group member may use.")
        .define("group.max.session.timeout.ms", Type.INT, 1_800_000, Range.atLeast(1), "Largest session timeout a group member may use.")
        .define("offsets.topic.num.partitions", Type.INT, 50, Range.atLeast(1), "Partitions of __consumer_offsets (used when it is created).")
        .define("offset.metadata.max.bytes", Type.INT, 4096, Range.atLeast(0), "Longest metadata string of an offset commit.")
        .define("offsets.retention.minutes", Type.INT, 10080, Range.atLeast(1),
            "How long committed offsets of a group without members are kept (since it became empty, or since the commit for groups that never had members).")
        .define("offsets.retention.check.interval.ms", Type.LONG, 600_000L, Range.atLeast(1), "How often expired committed offsets are removed.");

    private final ParsedConfig parsed;
    private final Map<String, Object> unknown;

    private BrokerConfig(ParsedConfig parsed) {
        this.parsed = parsed;
        this.unknown = parsed.unknown();
    }

    /**
     * Parses broker settings.
     *
     * @throws ConfigException naming the key of a bad value
     */
    public static BrokerConfig from(Map<?, ?> props) {
        BrokerConfig c = new BrokerConfig(DEF.parse(props));
        c.listener(); // validate early
        return c;
    }

    public static BrokerConfig from(Properties props) {
        return from((Map<?, ?>) props);
    }

    /** Settings given that this broker does not use (logged once at start-up). */
    public Map<String, Object> unknown() {
        return unknown;
    }

    public int nodeId() {
        return parsed.getInt("node.id");
    }

    /** The data directories. */
    public List<Path> logDirs() {
        List<String> dirs = parsed.getList("log.dirs");
        if (dirs == null || dirs.isEmpty()) {
            return List.of(Path.of(parsed.getString("log.dir")));
        }
        return dirs.stream().map(Path::of).toList();
    }

    /** The host and port to bind, from the first PLAINTEXT listener. */
    public HostPort listener() {
        return HostPort.parseListener("listeners", parsed.getString("listeners"));
    }

    /** The host and port clients are told to use. */
    public HostPort advertisedListener(int boundPort) {
        String adv = parsed.getString("advertised.listeners");
        HostPort bound = listener();
        if (adv == null || adv.isBlank()) {
            String host = bound.host().isEmpty() || bound.host().equals("0.0.0.0") ? "127.0.0.1" : bound.host();
            return new HostPort(host, boundPort);
        }
        HostPort a = HostPort.parseListener("advertised.listeners", adv);
        return a.port() == 0 ? new HostPort(a.host(), boundPort) : a;
    }

    public int numPartitions() {
        return parsed.getInt("num.partitions");
    }

    public boolean autoCreateTopics() {
        return parsed.getBoolean("auto.create.topics.enable");
    }

    public int socketRequestMaxBytes() {
        return parsed.getInt("socket.request.max.bytes");
    }

    public int queuedMaxRequests() {
        return parsed.getInt("queued.max.requests");
    }

    public int networkThreads() {
        return parsed.getInt("num.network.threads");
    }

    /** The group coordinator settings (group.*, offsets.*, offset.metadata.max.bytes). */
    public io.tributary.broker.group.GroupConfig groupConfig() {
        return new io.tributary.broker.group.GroupConfig(parsed.getInt("group.initial.rebalance.delay.ms"),
            parsed.getInt("group.min.session.timeout.ms"), parsed.getInt("group.max.session.timeout.ms"),
            parsed.getInt("offsets.topic.num.partitions"), parsed.getInt("offset.metadata.max.bytes"),
            parsed.getInt("offsets.retention.minutes") * 60_000L, parsed.getLong("offsets.retention.check.interval.ms"));
    }

    public ParsedConfig raw() {
        return parsed;
    }

    /** The topic-level defaults these broker settings imply, as topic config names (log.segment.bytes → segment.bytes ...). */
    public Map<String, Object> topicDefaults() {
        Map<String, Object> m = new HashMap<>();
        Long retentionMs = (Long) parsed.values().get("log.retention.ms");
        Integer retentionMinutes = (Integer) parsed.values().get("log.retention.minutes");
        long retention = retentionMs != null ? retentionMs
            : retentionMinutes != null ? retentionMinutes * 60_000L : parsed.getInt("log.retention.hours") * 3_600_000L;
        m.put(LogConfig.RETENTION_MS, retention);
        m.put(LogConfig.RETENTION_BYTES, parsed.getLong("log.retention.bytes"));
        m.put(LogConfig.SEGMENT_BYTES, parsed.getInt("log.segment.bytes"));
        Long rollMs = (Long) parsed.values().get("log.roll.ms");
        m.put(LogConfig.SEGMENT_MS, rollMs != null ? rollMs : parsed.getInt("log.roll.hours") * 3_600_000L);
        m.put(LogConfig.INDEX_INTERVAL_BYTES, parsed.getInt("log.index.interval.bytes"));
        m.put(LogConfig.SEGMENT_INDEX_BYTES, parsed.getInt("log.index.size.max.bytes"));
        m.put(LogConfig.FLUSH_MESSAGES, parsed.getLong("log.flush.interval.messages"));
        Long flushMs = (Long) parsed.values().get("log.flush.interval.ms");
        if (flushMs != null) {
            m.put(LogConfig.FLUSH_MS, flushMs);
        }
        m.put(LogConfig.CLEANUP_POLICY, parsed.getList("log.cleanup.policy"));
        m.put(LogConfig.MESSAGE_TIMESTAMP_TYPE, parsed.getString("log.message.timestamp.type"));
        m.put(LogConfig.MAX_MESSAGE_BYTES, parsed.getInt("message.max.bytes"));
        m.put(LogConfig.DELETE_RETENTION_MS, parsed.getLong("log.cleaner.delete.retention.ms"));
        m.put(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, parsed.getDouble("log.cleaner.min.cleanable.ratio"));
        m.put(LogConfig.FILE_DELETE_DELAY_MS, parsed.getLong("file.delete.delay.ms"));
        LogConfig.from(m); // a bad default is reported at start-up, naming the topic-level key
        return m;
    }

    /** A host and port. */
    public record HostPort(String host, int port) {
        static HostPort parseListener(String key, String value) {
            String first = value.split(",")[0].trim();
            int scheme = first.indexOf("://");
            String hostPort = scheme >= 0 ? first.substring(scheme + 3) : first;
            if (scheme >= 0 && !first.substring(0, scheme).equalsIgnoreCase("PLAINTEXT")) {
                throw new ConfigException(key, value, "a PLAINTEXT listener (broker-lite has no TLS or SASL yet)");
            }
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new ConfigException(key, value, "PLAINTEXT://host:port");
            }
            try {
                return new HostPort(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new ConfigException(key, value, "PLAINTEXT://host:port with a numeric port");
            }
        }
    }
}
