package io.tributary.clients.consumer;

import static io.tributary.common.config.ConfigDef.Type.BOOLEAN;
import static io.tributary.common.config.ConfigDef.Type.INT;
import static io.tributary.common.config.ConfigDef.Type.LIST;
import static io.tributary.common.config.ConfigDef.Type.LONG;
import static io.tributary.common.config.ConfigDef.Type.STRING;

import io.tributary.clients.internals.CommonConfigs;
import io.tributary.common.config.ConfigDef;
import java.util.List;

/** The consumer's configuration keys: Kafka's names and defaults. */
public final class ConsumerConfig {
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonConfigs.BOOTSTRAP_SERVERS;
    public static final String CLIENT_ID_CONFIG = CommonConfigs.CLIENT_ID;
    public static final String GROUP_ID_CONFIG = "group.id";
    public static final String GROUP_INSTANCE_ID_CONFIG = "group.instance.id";
    public static final String GROUP_PROTOCOL_CONFIG = "group.protocol";
    public static final String SESSION_TIMEOUT_MS_CONFIG = "session.timeout.ms";
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = "heartbeat.interval.ms";
    public static final String MAX_POLL_INTERVAL_MS_CONFIG = "max.poll.interval.ms";
    public static final String MAX_POLL_RECORDS_CONFIG = "max.poll.records";
    public static final String ENABLE_AUTO_COMMIT_CONFIG = "enable.auto.commit";
    public static final String AUTO_COMMIT_INTERVAL_MS_CONFIG = "auto.commit.interval.ms";
    public static final String AUTO_OFFSET_RESET_CONFIG = "auto.offset.reset";
    public static final String FETCH_MIN_BYTES_CONFIG = "fetch.min.bytes";
    public static final String FETCH_MAX_BYTES_CONFIG = "fetch.max.bytes";
    public static final String FETCH_MAX_WAIT_MS_CONFIG = "fetch.max.wait.ms";
    public static final String MAX_PARTITION_FETCH_BYTES_CONFIG = "max.partition.fetch.bytes";
    public static final String PARTITION_ASSIGNMENT_STRATEGY_CONFIG = "partition.assignment.strategy";
    public static final String ISOLATION_LEVEL_CONFIG = "isolation.level";
    public static final String ALLOW_AUTO_CREATE_TOPICS_CONFIG = "allow.auto.create.topics";
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = "default.api.timeout.ms";
    public static final String CHECK_CRCS_CONFIG = "check.crcs";
    public static final String KEY_DESERIALIZER_CLASS_CONFIG = "key.deserializer";
    public static final String VALUE_DESERIALIZER_CLASS_CONFIG = "value.deserializer";

    /** Every key the consumer knows. */
    public static final ConfigDef DEFINITION = CommonConfigs.define(new ConfigDef(), 30000, 65536)
        .define(GROUP_ID_CONFIG, STRING, null, "the consumer group; needed for subscribe() and commits")
        .define(GROUP_INSTANCE_ID_CONFIG, STRING, null, "a stable member identity (static membership)")
        .define(GROUP_PROTOCOL_CONFIG, STRING, "classic", ConfigDef.ValidString.in("classic", "CLASSIC"),
            "the group protocol; only the classic protocol is supported")
        .define(SESSION_TIMEOUT_MS_CONFIG, INT, 45000, ConfigDef.Range.atLeast(1),
            "a member not heard from this long is removed from the group")
        .define(HEARTBEAT_INTERVAL_MS_CONFIG, INT, 3000, ConfigDef.Range.atLeast(1), "heartbeat period")
        .define(MAX_POLL_INTERVAL_MS_CONFIG, INT, 300000, ConfigDef.Range.atLeast(1),
            "longest time between polls before the member leaves the group")
        .define(MAX_POLL_RECORDS_CONFIG, INT, 500, ConfigDef.Range.atLeast(1), "records one poll returns at most")
        .define(ENABLE_AUTO_COMMIT_CONFIG, BOOLEAN, true, "commit positions periodically while polling")
        .define(AUTO_COMMIT_INTERVAL_MS_CONFIG, INT, 5000, ConfigDef.Range.atLeast(0), "auto-commit period")
        .define(AUTO_OFFSET_RESET_CONFIG, STRING, "latest", ConfigDef.ValidString.in("earliest", "latest", "none"),
            "where to start without a committed offset")
        .define(FETCH_MIN_BYTES_CONFIG, INT, 1, ConfigDef.Range.atLeast(0), "bytes a fetch waits for")
        .define(FETCH_MAX_BYTES_CONFIG, INT, 52428800, ConfigDef.Range.atLeast(0), "bytes per fetch response")
        .define(FETCH_MAX_WAIT_MS_CONFIG, INT, 500, ConfigDef.Range.atLeast(0),
            "longest the broker holds a fetch waiting for fetch.min.bytes")
        .define(MAX_PARTITION_FETCH_BYTES_CONFIG, INT, 1048576, ConfigDef.Range.atLeast(0),
            "bytes per partition per fetch")
        .define(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, LIST, List.of("range", "cooperative-sticky"),
            "assignors in preference order: range, roundrobin, cooperative-sticky (or Kafka's class names)")
        .define(ISOLATION_LEVEL_CONFIG, STRING, "read_uncommitted",
            ConfigDef.ValidString.in("read_uncommitted", "read_committed"), "transactional visibility")
        .define(ALLOW_AUTO_CREATE_TOPICS_CONFIG, BOOLEAN, true, "let metadata requests create subscribed topics")
        .define(DEFAULT_API_TIMEOUT_MS_CONFIG, INT, 60000, ConfigDef.Range.atLeast(0),
            "timeout of blocking calls that take none")
        .define(CHECK_CRCS_CONFIG, BOOLEAN, true, "verify the CRC of fetched batches")
        .define(KEY_DESERIALIZER_CLASS_CONFIG, STRING, null, "Deserializer class for keys")
        .define(VALUE_DESERIALIZER_CLASS_CONFIG, STRING, null, "Deserializer class for values");

    private ConsumerConfig() {
    }
}
