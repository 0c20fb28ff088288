package io.tributary.clients.producer;

import io.tributary.clients.Cluster;
import io.tributary.clients.PartitionInfo;
import io.tributary.clients.internals.CommonConfigs;
import io.tributary.clients.internals.Metadata;
import io.tributary.clients.internals.NetworkClient;
import io.tributary.clients.producer.internals.BufferPool;
import io.tributary.clients.producer.internals.RecordAccumulator;
import io.tributary.clients.producer.internals.Sender;
import io.tributary.clients.serialization.SerializationException;
import io.tributary.clients.serialization.Serializer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ParsedConfig;
import io.tributary.record.CompressionType;
import io.tributary.record.Header;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tributary's producer: Kafka's configuration and behaviour (batching per partition, {@code linger.ms},
 * {@code buffer.memory} back-pressure, compression, idempotence on by default, retries within
 * {@code delivery.timeout.ms}, Kafka's key placement) with {@link CompletableFuture} results.
 *
 * <pre>{@code
 * try (Producer<String, String> p = TributaryProducer.create(Map.of("bootstrap.servers", "localhost:9092"),
 *         Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
 *     p.send(new ProducerRecord<>("orders", "key", "value")).join();
 * }
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TributaryProducer<K, V> implements Producer<K, V> {
    private static final Logger log = LoggerFactory.getLogger(TributaryProducer.class);

    private final String clientId;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Partitioner partitioner;
    private final boolean ignoreKeys;
    private final int batchSize;
    private final long maxBlockMs;
    private final int maxRequestSize;
    private final long bufferMemory;
    private final NetworkClient network;
    private final Metadata metadata;
    private final RecordAccumulator accumulator;
    private final Sender sender;
    private final Thread ioThread;
    private final Map<String, Sticky> sticky = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** The partition keyless records of a topic go to until {@code batch.size} bytes went there. */
    private static final class Sticky {
        volatile int partition = -1;
        long bytes;
    }

    private TributaryProducer(Map<?, ?> props, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                              Partitioner partitioner) {
        ParsedConfig c = ProducerConfig.DEFINITION.parse(props);
        CommonConfigs.warnUnknown(c, log);
        if (c.getString(ProducerConfig.TRANSACTIONAL_ID_CONFIG) != null) {
            throw new ConfigException("transactional.id is set, but transactions are not supported yet");
        }
        this.clientId = CommonConfigs.clientId(c, "producer");
        this.keySerializer = keySerializer != null ? keySerializer
            : Serdes.serializerFromConfig(c.getString(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG), "key.serializer");
        this.valueSerializer = valueSerializer != null ? valueSerializer
            : Serdes.serializerFromConfig(c.getString(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG),
                "value.serializer");
        Map<String, Object> configs = new HashMap<>();
        props.forEach((k, v) -> configs.put(String.valueOf(k), v));
        this.keySerializer.configure(configs, true);
        this.valueSerializer.configure(configs, false);
        String partitionerClass = c.getString(ProducerConfig.PARTITIONER_CLASS_CONFIG);
        this.partitioner = partitioner != null ? partitioner
            : partitionerClass == null ? null : instantiate(partitionerClass);
        if (this.partitioner != null) {
            this.partitioner.configure(configs);
        }
        this.ignoreKeys = c.getBoolean(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG);

        String acksText = c.getString(ProducerConfig.ACKS_CONFIG);
        short acks = (short) ("all".equals(acksText) ? -1 : Integer.parseInt(acksText));
        int maxInFlight = c.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        int retries = c.getInt(ProducerConfig.RETRIES_CONFIG);
        boolean idempotenceSet = props.containsKey(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        boolean idempotent = c.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        if (idempotent) {
            String conflict = acks != -1 ? "acks must be all (is " + acksText + ")"
                : maxInFlight > 5 ? "max.in.flight.requests.per.connection must be at most 5 (is " + maxInFlight + ")"
                : retries == 0 ? "retries must be above 0" : null;
            if (conflict != null) {
                if (idempotenceSet) {
                    throw new ConfigException("enable.idempotence=true needs " + conflict);
                }
                log.info("idempotence disabled: {}", conflict);
                idempotent = false;
            }
        }
        int requestTimeout = c.getInt(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        long linger = c.getLong(ProducerConfig.LINGER_MS_CONFIG);
        int deliveryTimeout = c.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        if (deliveryTimeout < linger + requestTimeout) {
            throw new ConfigException("delivery.timeout.ms (" + deliveryTimeout + ") must be at least linger.ms + "
                + "request.timeout.ms (" + (linger + requestTimeout) + ")");
        }
        this.batchSize = c.getInt(ProducerConfig.BATCH_SIZE_CONFIG);
        this.maxBlockMs = c.getLong(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        this.maxRequestSize = c.getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        this.bufferMemory = c.getLong(ProducerConfig.BUFFER_MEMORY_CONFIG);
        CompressionType compression = CompressionType.forName(c.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG));

        this.network = new NetworkClient(CommonConfigs.network(c, clientId));
        this.metadata = new Metadata(network, Metadata.parseBootstrap(c.getList(CommonConfigs.BOOTSTRAP_SERVERS)),
            c.getLong(CommonConfigs.METADATA_MAX_AGE_MS), c.getLong(CommonConfigs.RETRY_BACKOFF_MS), true);
        Sender[] holder = new Sender[1];
        BufferPool pool = new BufferPool(bufferMemory, Math.max(batchSize, 1));
        this.accumulator = new RecordAccumulator(batchSize, linger, compression, pool, () -> holder[0].wakeup());
        this.sender = new Sender(new Sender.Settings(acks, requestTimeout, deliveryTimeout, retries,
            c.getLong(CommonConfigs.RETRY_BACKOFF_MS), c.getLong(CommonConfigs.RETRY_BACKOFF_MAX_MS), maxInFlight,
            maxRequestSize, idempotent), accumulator, metadata, network);
        holder[0] = sender;
        this.ioThread = new Thread(sender, "tributary-producer-network-thread | " + clientId);
        ioThread.setDaemon(true);
        ioThread.start();
    }

    /** A producer configured by {@code props}, with serializers named by key.serializer / value.serializer. */
    public static <K, V> TributaryProducer<K, V> create(Map<?, ?> props) {
        return new TributaryProducer<>(props, null, null, null);
    }

    /** A producer configured by {@code props} with these serializers. */
    public static <K, V> TributaryProducer<K, V> create(Map<?, ?> props, Serializer<K> keySerializer,
                                                        Serializer<V> valueSerializer) {
        return new TributaryProducer<>(props, keySerializer, valueSerializer, null);
    }

    /** A typed builder. */
    public static <K, V> Builder<K, V> builder(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        return new Builder<>(keySerializer, valueSerializer);
    }

    /** Builds a producer from typed settings; any Kafka producer key can also be set with {@link #config}. */
    public static final class Builder<K, V> {
        private final Map<String, Object> props = new HashMap<>();
        private final Serializer<K> keySerializer;
        private final Serializer<V> valueSerializer;
        private Partitioner partitioner;

        private Builder(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
            this.keySerializer = keySerializer;
            this.valueSerializer = valueSerializer;
        }

        public Builder<K, V> bootstrapServers(String servers) {
            return config(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        }

        public Builder<K, V> acks(String acks) {
            return config(ProducerConfig.ACKS_CONFIG, acks);
        }

        public Builder<K, V> linger(Duration linger) {
            return config(ProducerConfig.LINGER_MS_CONFIG, linger.toMillis());
        }

        public Builder<K, V> batchSize(int bytes) {
            return config(ProducerConfig.BATCH_SIZE_CONFIG, bytes);
        }

        public Builder<K, V> compression(CompressionType type) {
            return config(ProducerConfig.COMPRESSION_TYPE_CONFIG, type.name);
        }

        public Builder<K, V> partitioner(Partitioner p) {
            this.partitioner = p;
            return this;
        }

        public Builder<K, V> config(String key, Object value) {
            props.put(key, value);
            return this;
        }

        public Builder<K, V> configs(Map<String, ?> all) {
            props.putAll(all);
            return this;
        }

        public TributaryProducer<K, V> build() {
            return new TributaryProducer<>(props, keySerializer, valueSerializer, partitioner);
        }
    }

    private static Partitioner instantiate(String className) {
        try {
            Object o = Class.forName(className).getDeclaredConstructor().newInstance();
            if (!(o instanceof Partitioner p)) {
                throw new ConfigException("partitioner.class " + className + " does not implement "
                    + Partitioner.class.getName());
            }
            return p;
        } catch (ReflectiveOperationException e) {
            throw new ConfigException("cannot create partitioner.class " + className + ": " + e);
        }
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        try {
            return doSend(record, callback);
        } catch (RuntimeException e) {
            if (callback != null) {
                callback.onCompletion(null, e);
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<RecordMetadata> doSend(ProducerRecord<K, V> record, Callback callback) {
        if (closed) {
            throw new IllegalStateException("cannot send after the producer is closed");
        }
        long start = System.currentTimeMillis();
        List<PartitionInfo> partitions = metadata.awaitPartitions(record.topic(), maxBlockMs);
        List<Header> headers = record.headers();
        byte[] key;
        byte[] value;
        List<Header> mutable = headers.isEmpty() ? new ArrayList<>(0) : new ArrayList<>(headers);
        try {
            key = keySerializer.serialize(record.topic(), mutable, record.key());
        } catch (RuntimeException e) {
            throw new SerializationException("cannot serialize the key of a record for " + record.topic() + ": "
                + e.getMessage(), e);
        }
        try {
            value = valueSerializer.serialize(record.topic(), mutable, record.value());
        } catch (RuntimeException e) {
            throw new SerializationException("cannot serialize the value of a record for " + record.topic() + ": "
                + e.getMessage(), e);
        }
        headers = mutable.isEmpty() ? List.of() : mutable;
        int partition = partition(record, key, value, partitions);
        int size = 61 + 21 + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        if (size > maxRequestSize) {
            throw new TributaryException(Errors.MESSAGE_TOO_LARGE, "the record is " + size
                + " bytes when serialized, more than max.request.size (" + maxRequestSize + ")");
        }
        if (size > bufferMemory) {
            throw new TributaryException(Errors.MESSAGE_TOO_LARGE, "the record is " + size
                + " bytes when serialized, more than buffer.memory (" + bufferMemory + ")");
        }
        long timestamp = record.timestamp() != null ? record.timestamp() : start;
        long remaining = Math.max(0, maxBlockMs - (System.currentTimeMillis() - start));
        try {
            return accumulator.append(new TopicPartition(record.topic(), partition), timestamp, key, value, headers,
                callback, remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException(Errors.UNKNOWN_SERVER_ERROR, "interrupted while waiting for buffer memory");
        }
    }

    private int partition(ProducerRecord<K, V> record, byte[] key, byte[] value, List<PartitionInfo> partitions) {
        int n = partitions.size();
        if (record.partition() != null) {
            if (record.partition() >= n) {
                throw new TributaryException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "partition " + record.partition()
                    + " of " + record.topic() + " does not exist (the topic has " + n + ")");
            }
            return record.partition();
        }
        if (partitioner != null) {
            Cluster cluster = metadata.cluster();
            int p = partitioner.partition(record.topic(), record.key(), key, record.value(), cluster);
            if (p < 0 || p >= n) {
                throw new IllegalArgumentException("the partitioner chose partition " + p + " of " + record.topic()
                    + ", which has " + n);
            }
            return p;
        }
        if (key != null && !ignoreKeys) {
            return Murmur2.partitionForKey(key, n);
        }
        return stickyPartition(record.topic(), n, (key == null ? 0 : key.length) + (value == null ? 0 : value.length));
    }

    private int stickyPartition(String topic, int n, int bytes) {
        Sticky s = sticky.computeIfAbsent(topic, t -> new Sticky());
        synchronized (s) {
            if (s.partition < 0 || s.partition >= n || s.bytes >= Math.max(batchSize, 1)) {
                int next = ThreadLocalRandom.current().nextInt(n);
                if (n > 1 && next == s.partition) {
                    next = (next + 1) % n;
                }
                s.partition = next;
                s.bytes = 0;
            }
            s.bytes += bytes;
            return s.partition;
        }
    }

    @Override
    public void flush() {
        accumulator.beginFlush();
        try {
            accumulator.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException(Errors.UNKNOWN_SERVER_ERROR, "interrupted while flushing");
        } finally {
            accumulator.endFlush();
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return metadata.awaitPartitions(topic, maxBlockMs);
    }

    /** The client id in use. */
    public String clientId() {
        return clientId;
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Override
    public void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        long ms = timeout.toMillis();
        if (ms <= 0) {
            // before the accumulator closes (which makes every queued batch ready): nothing more may be sent, or
            // records could reach the log while their sends are reported failed
            sender.forceClose();
        }
        accumulator.close();
        sender.initiateClose();
        try {
            if (ms > 0) {
                ioThread.join(ms == Long.MAX_VALUE ? 0 : ms);
            }
            if (ioThread.isAlive()) {
                log.warn("closing the producer forcefully: records not acknowledged within {} ms fail", ms);
                sender.forceClose();
                ioThread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sender.forceClose();
        } finally {
            network.close();
            keySerializer.close();
            valueSerializer.close();
            if (partitioner != null) {
                partitioner.close();
            }
        }
    }
}
