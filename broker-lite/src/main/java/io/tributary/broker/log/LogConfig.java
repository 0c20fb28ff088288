package io.tributary.broker.log;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ConfigDef.Range;
import io.tributary.common.config.ConfigDef.Type;
import io.tributary.common.config.ConfigDef.ValidString;
import io.tributary.common.config.ParsedConfig;
import io.tributary.record.TimestampType;
import java.util.List;
import java.util.Map;

/**
 * The per-topic log settings, with Kafka's names and defaults. Immutable; a topic whose configuration is altered
 * gets a new instance.
 */
public final class LogConfig {
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";

    /** Every topic-level setting the log understands. */
    public static final ConfigDef DEF = new ConfigDef()
        .define(SEGMENT_BYTES, Type.INT, 1024 * 1024 * 1024, Range.atLeast(14),
            "The largest size of one segment file; a new segment starts when the next batch would not fit.")
        .define(SEGMENT_MS, Type.LONG, 7 * 24 * 3600 * 1000L, Range.atLeast(1),
            "Roll a non-empty segment once its first batch is this old, even if it is not full.")
        .define(SEGMENT_INDEX_BYTES, Type.INT, 10 * 1024 * 1024, Range.atLeast(4),
            "The size the offset and time index files are preallocated to; a full index rolls the segment.")
        .define(INDEX_INTERVAL_BYTES, Type.INT, 4096, Range.atLeast(0),
            "Bytes of batches between two offset index entries.")
        .define(FLUSH_MESSAGES, Type.LONG, Long.MAX_VALUE, Range.atLeast(1),
            "Force the log to disk after this many records.")
        .define(FLUSH_MS, Type.LONG, Long.MAX_VALUE, Range.atLeast(0),
            "Force the log to disk when unflushed data is this old.")
        .define(RETENTION_MS, Type.LONG, 7 * 24 * 3600 * 1000L, Range.atLeast(-1),
            "Delete whole segments whose newest record is older than this; -1 keeps them forever.")
        .define(RETENTION_BYTES, Type.LONG, -1L, Range.atLeast(-1),
            "Delete the oldest segments while the partition is larger than this; -1 means no limit.")
        .define(CLEANUP_POLICY, Type.LIST, "delete", ValidString.in("delete", "compact"),
            "delete (retention), compact (keep the newest record per key) or both.")
        .define(DELETE_RETENTION_MS, Type.LONG, 24 * 3600 * 1000L, Range.atLeast(0),
            "How long compaction keeps tombstones (null values) before dropping them.")
        .define(MIN_CLEANABLE_DIRTY_RATIO, Type.DOUBLE, 0.5, Range.between(0, 1),
            "Compact when the uncompacted share of the log reaches this ratio.")
        .define(MIN_COMPACTION_LAG_MS, Type.LONG, 0L, Range.atLeast(0),
            "Records younger than this are not compacted.")
        .define(FILE_DELETE_DELAY_MS, Type.LONG, 60000L, Range.atLeast(0),
            "How long a deleted segment stays on disk, renamed .deleted, before its files are removed.")
        .define(MESSAGE_TIMESTAMP_TYPE, Type.STRING, "CreateTime", ValidString.in("CreateTime", "LogAppendTime"),
            "CreateTime keeps the producer's timestamps; LogAppendTime stamps each batch with the broker's clock.")
        .define(MAX_MESSAGE_BYTES, Type.INT, 1048588, Range.atLeast(0),
            "The largest record batch the log accepts.");

    private final ParsedConfig parsed;
    public final int segmentBytes;
    public final long segmentMs;
    public final int segmentIndexBytes;
    public final int indexIntervalBytes;
    public final long flushMessages;
    public final long flushMs;
    public final long retentionMs;
    public final long retentionBytes;
    public final boolean delete;
    public final boolean compact;
    public final long deleteRetentionMs;
    public final double minCleanableDirtyRatio;
    public final long minCompactionLagMs;
    public final long fileDeleteDelayMs;
    public final TimestampType timestampType;
    public final int maxMessageBytes;

    private LogConfig(ParsedConfig c) {
        this.parsed = c;
        segmentBytes = c.getInt(SEGMENT_BYTES);
        segmentMs = c.getLong(SEGMENT_MS);
        segmentIndexBytes = c.getInt(SEGMENT_INDEX_BYTES);
        indexIntervalBytes = c.getInt(INDEX_INTERVAL_BYTES);
        flushMessages = c.getLong(FLUSH_MESSAGES);
        flushMs = c.getLong(FLUSH_MS);
        retentionMs = c.getLong(RETENTION_MS);
        retentionBytes = c.getLong(RETENTION_BYTES);
        List<String> policy = c.getList(CLEANUP_POLICY);
        delete = policy.stream().anyMatch("delete"::equalsIgnoreCase);
        compact = policy.stream().anyMatch("compact"::equalsIgnoreCase);
        deleteRetentionMs = c.getLong(DELETE_RETENTION_MS);
        minCleanableDirtyRatio = c.getDouble(MIN_CLEANABLE_DIRTY_RATIO);
        minCompactionLagMs = c.getLong(MIN_COMPACTION_LAG_MS);
        fileDeleteDelayMs = c.getLong(FILE_DELETE_DELAY_MS);
        timestampType = "LogAppendTime".equalsIgnoreCase(c.getString(MESSAGE_TIMESTAMP_TYPE))
            ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
        maxMessageBytes = c.getInt(MAX_MESSAGE_BYTES);
    }

    /**
     * Parses topic settings; keys this class does not know are ignored here (the broker decides how to report them).
     *
     * @throws io.tributary.common.config.ConfigException naming the key of a bad value
     */
    public static LogConfig from(Map<?, ?> props) {
        return new LogConfig(DEF.parse(props));
    }

    /** Every setting at Kafka's default. */
    public static LogConfig defaults() {
        return from(Map.of());
    }

    /** Every setting with its value, for DescribeConfigs. */
    public Map<String, Object> values() {
        return parsed.values();
    }
}
