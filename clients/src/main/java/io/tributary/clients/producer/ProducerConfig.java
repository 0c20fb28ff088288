package io.tributary.clients.producer;

import static io.tributary.common.config.ConfigDef.Type.BOOLEAN;
import static io.tributary.common.config.ConfigDef.Type.INT;
import static io.tributary.common.config.ConfigDef.Type.LONG;
import static io.tributary.common.config.ConfigDef.Type.STRING;

import io.tributary.clients.internals.CommonConfigs;
import io.tributary.common.config.ConfigDef;

/** The producer's configuration keys: Kafka's names and defaults. */
public final class ProducerConfig {
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonConfigs.BOOTSTRAP_SERVERS;
    public static final String CLIENT_ID_CONFIG = CommonConfigs.CLIENT_ID;
    public static final String ACKS_CONFIG = "acks";
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final String LINGER_MS_CONFIG = "linger.ms";
    public static final String BUFFER_MEMORY_CONFIG = "buffer.memory";
    public static final String MAX_BLOCK_MS_CONFIG = "max.block.ms";
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    public static final String RETRIES_CONFIG = "retries";
    public static final String DELIVERY_TIMEOUT_MS_CONFIG = "delivery.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonConfigs.REQUEST_TIMEOUT_MS;
    public static final String ENABLE_IDEMPOTENCE_CONFIG = "enable.idempotence";
    public static final String MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION = "max.in.flight.requests.per.connection";
    public static final String MAX_REQUEST_SIZE_CONFIG = "max.request.size";
    public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
    public static final String PARTITIONER_IGNORE_KEYS_CONFIG = "partitioner.ignore.keys";
    public static final String KEY_SERIALIZER_CLASS_CONFIG = "key.serializer";
    public static final String VALUE_SERIALIZER_CLASS_CONFIG = "value.serializer";
    public static final String TRANSACTIONAL_ID_CONFIG = "transactional.id";

    /** Every key the producer knows. */
    public static final ConfigDef DEFINITION = CommonConfigs.define(new ConfigDef(), 30000, 32768)
        .define(ACKS_CONFIG, STRING, "all", ConfigDef.ValidString.in("all", "-1", "0", "1"),
            "acknowledgements the leader waits for: 0 none, 1 the leader, all every in-sync replica")
        .define(BATCH_SIZE_CONFIG, INT, 16384, ConfigDef.Range.atLeast(0), "bytes of records per partition batch")
        .define(LINGER_MS_CONFIG, LONG, 5L, ConfigDef.Range.atLeast(0), "how long a batch waits for more records")
        .define(BUFFER_MEMORY_CONFIG, LONG, 33554432L, ConfigDef.Range.atLeast(0),
            "bytes of records waiting to be sent; send() blocks when they are used up")
        .define(MAX_BLOCK_MS_CONFIG, LONG, 60000L, ConfigDef.Range.atLeast(0),
            "how long send() may block for metadata or buffer memory")
        .define(COMPRESSION_TYPE_CONFIG, STRING, "none",
            ConfigDef.ValidString.in("none", "gzip", "snappy", "lz4", "zstd"), "codec of produced batches")
        .define(RETRIES_CONFIG, INT, Integer.MAX_VALUE, ConfigDef.Range.atLeast(0),
            "how often a failed batch is retried (delivery.timeout.ms bounds it too)")
        .define(DELIVERY_TIMEOUT_MS_CONFIG, INT, 120000, ConfigDef.Range.atLeast(0),
            "upper bound on the time from send() to success or failure")
        .define(ENABLE_IDEMPOTENCE_CONFIG, BOOLEAN, true, "exactly one copy of each record per partition, in order")
        .define(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, INT, 5, ConfigDef.Range.atLeast(1),
            "unanswered produce requests per broker")
        .define(MAX_REQUEST_SIZE_CONFIG, INT, 1048576, ConfigDef.Range.atLeast(0), "largest produce request")
        .define(PARTITIONER_CLASS_CONFIG, STRING, null, "a Partitioner class; default: murmur2 of the key, sticky")
        .define(PARTITIONER_IGNORE_KEYS_CONFIG, BOOLEAN, false, "place keyed records like keyless ones")
        .define(KEY_SERIALIZER_CLASS_CONFIG, STRING, null, "Serializer class for keys (or pass one to the builder)")
        .define(VALUE_SERIALIZER_CLASS_CONFIG, STRING, null, "Serializer class for values")
        .define(TRANSACTIONAL_ID_CONFIG, STRING, null, "transactions are not supported yet");

    private ProducerConfig() {
    }
}
