package io.tributary.clients.consumer;

import io.tributary.clients.PartitionInfo;
import io.tributary.clients.consumer.internals.Blocking;
import io.tributary.clients.consumer.internals.ConsumerCoordinator;
import io.tributary.clients.consumer.internals.Fetcher;
import io.tributary.clients.consumer.internals.OffsetLookup;
import io.tributary.clients.consumer.internals.SubscriptionState;
import io.tributary.clients.internals.CommonConfigs;
import io.tributary.clients.internals.Metadata;
import io.tributary.clients.internals.NetworkClient;
import io.tributary.clients.serialization.Deserializer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Errors;
import io.tributary.common.TimeoutException;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ParsedConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tributary's consumer: Kafka's configuration and behaviour (classic consumer groups with client-side assignors,
 * fetching ahead of the application, auto-commit, {@code auto.offset.reset}, seek, pause/resume, wakeup).
 *
 * <pre>{@code
 * try (Consumer<String, String> c = TributaryConsumer.create(Map.of("bootstrap.servers", "localhost:9092",
 *         "group.id", "billing", "auto.offset.reset", "earliest"),
 *         Serdes.STRING_DESERIALIZER, Serdes.STRING_DESERIALIZER)) {
 *     c.subscribe(List.of("orders"));
 *     while (running) {
 *         for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) { ... }
 *     }
 * }
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TributaryConsumer<K, V> implements Consumer<K, V> {
    private static final Logger log = LoggerFactory.getLogger(TributaryConsumer.class);
    private static final long NO_THREAD = -1;

    private final String clientId;
    private final String groupId;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final NetworkClient network;
    private final Metadata metadata;
    private final SubscriptionState subscriptions;
    private final Fetcher<K, V> fetcher;
    private final ConsumerCoordinator coordinator;
    private final OffsetLookup offsets;
    private final Blocking blocking = new Blocking();
    private final int defaultApiTimeoutMs;
    private final AtomicLong owner = new AtomicLong(NO_THREAD);
    /** How many nested calls of the owning thread hold the consumer (only that thread touches it). */
    private int depth;
    private volatile boolean closed;

    private TributaryConsumer(Map<?, ?> props, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        ParsedConfig c = ConsumerConfig.DEFINITION.parse(props);
        CommonConfigs.warnUnknown(c, log);
        this.clientId = CommonConfigs.clientId(c, "consumer");
        this.groupId = c.getString(ConsumerConfig.GROUP_ID_CONFIG);
        if (groupId != null && groupId.isBlank()) {
            throw new ConfigException("group.id is empty: set a group name, or leave it out to use assign() only");
        }
        this.keyDeserializer = keyDeserializer != null ? keyDeserializer
            : Serdes.deserializerFromConfig(c.getString(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG),
                "key.deserializer");
        this.valueDeserializer = valueDeserializer != null ? valueDeserializer
            : Serdes.deserializerFromConfig(c.getString(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG),
                "value.deserializer");
        Map<String, Object> configs = new HashMap<>();
        props.forEach((k, v) -> configs.put(String.valueOf(k), v));
        this.keyDeserializer.configure(configs, true);
        this.valueDeserializer.configure(configs, false);
        this.defaultApiTimeoutMs = c.getInt(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        int heartbeat = c.getInt(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
        int session = c.getInt(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
        if (heartbeat >= session) {
            throw new ConfigException("heartbeat.interval.ms (" + heartbeat + ") must be below session.timeout.ms ("
                + session + ")");
        }
        long retryBackoff = c.getLong(CommonConfigs.RETRY_BACKOFF_MS);
        byte isolation = (byte) ("read_committed".equals(c.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG)) ? 1 : 0);

        this.network = new NetworkClient(CommonConfigs.network(c, clientId));
        this.metadata = new Metadata(network, Metadata.parseBootstrap(c.getList(CommonConfigs.BOOTSTRAP_SERVERS)),
            c.getLong(CommonConfigs.METADATA_MAX_AGE_MS), retryBackoff,
            c.getBoolean(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG));
        this.subscriptions = new SubscriptionState(SubscriptionState.Reset.valueOf(
            c.getString(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG).toUpperCase(Locale.ROOT)));
        this.fetcher = new Fetcher<>(network, metadata, subscriptions, new Fetcher.Settings(
            c.getInt(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), c.getInt(ConsumerConfig.FETCH_MAX_BYTES_CONFIG),
            c.getInt(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), c.getInt(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
            c.getInt(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), isolation, c.getBoolean(ConsumerConfig.CHECK_CRCS_CONFIG)),
            this.keyDeserializer, this.valueDeserializer);
        this.offsets = new OffsetLookup(network, metadata, blocking, retryBackoff, isolation);
        if (groupId != null) {
            List<ConsumerPartitionAssignor> assignors = new ArrayList<>();
            for (String name : c.getList(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)) {
                assignors.add(assignor(name));
            }
            if (assignors.isEmpty()) {
                throw new ConfigException("partition.assignment.strategy is empty");
            }
            this.coordinator = new ConsumerCoordinator(new ConsumerCoordinator.Settings(groupId,
                c.getString(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), session,
                c.getInt(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), heartbeat,
                c.getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG),
                c.getInt(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG), retryBackoff, clientId),
                network, metadata, subscriptions, assignors, blocking);
        } else {
            this.coordinator = null;
        }
    }

    /** A consumer configured by {@code props}, with deserializers named by key.deserializer / value.deserializer. */
    public static <K, V> TributaryConsumer<K, V> create(Map<?, ?> props) {
        return new TributaryConsumer<>(props, null, null);
    }

    /** A consumer configured by {@code props} with these deserializers. */
    public static <K, V> TributaryConsumer<K, V> create(Map<?, ?> props, Deserializer<K> keyDeserializer,
                                                        Deserializer<V> valueDeserializer) {
        return new TributaryConsumer<>(props, keyDeserializer, valueDeserializer);
    }

    /** The assignor a {@code partition.assignment.strategy} entry names (short name, Kafka class, or a class). */
    static ConsumerPartitionAssignor assignor(String name) {
        String n = name.trim();
        switch (n) {
            case "range", "org.apache.kafka.clients.consumer.RangeAssignor" -> {
                return new RangeAssignor();
            }
            case "roundrobin", "org.apache.kafka.clients.consumer.RoundRobinAssignor" -> {
                return new RoundRobinAssignor();
            }
            case "cooperative-sticky", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor" -> {
                return new CooperativeStickyAssignor();
            }
            default -> {
                try {
                    Object o = Class.forName(n).getDeclaredConstructor().newInstance();
                    if (o instanceof ConsumerPartitionAssignor a) {
                        return a;
                    }
                    throw new ConfigException("partition.assignment.strategy " + n + " does not implement "
                        + ConsumerPartitionAssignor.class.getName());
                } catch (ReflectiveOperationException e) {
                    throw new ConfigException("unknown partition.assignment.strategy " + n
                        + " (expected range, roundrobin, cooperative-sticky or an assignor class)");
                }
            }
        }
    }

    // ---- thread confinement ----------------------------------------------------------------------------------

    /**
     * Claims the consumer for the calling thread. Re-entrant (a rebalance listener may call the consumer from inside
     * {@code poll}): only the outermost {@link #release} gives it up.
     */
    private void acquire() {
        long me = Thread.currentThread().getId();
        if (owner.get() != me && !owner.compareAndSet(NO_THREAD, me)) {
            throw new ConcurrentModificationException("the consumer is not safe for use by several threads at once");
        }
        depth++;
        if (closed) {
            release();
            throw new IllegalStateException("this consumer has been closed");
        }
    }

    private void release() {
        if (--depth == 0) {
            owner.set(NO_THREAD);
        }
    }

    private ConsumerCoordinator requireGroup(String what) {
        if (coordinator == null) {
            throw new TributaryException(Errors.INVALID_GROUP_ID, what + " needs a group.id in the consumer's "
                + "configuration");
        }
        return coordinator;
    }

    // ---- subscription ------------------------------------------------------------------------------------------

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        acquire();
        try {
            if (topics.isEmpty()) {
                unsubscribe0();
                return;
            }
            for (String t : topics) {
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException("topic names in subscribe() must not be null or blank");
                }
            }
            requireGroup("subscribe()");
            subscriptions.subscribe(topics, listener);
            metadata.setTopics(topics);
            coordinator.requestRejoin();
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, null);
    }

    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        acquire();
        try {
            requireGroup("subscribe()");
            subscriptions.subscribe(pattern, listener);
            metadata.setAllTopics(true);
            metadata.requestUpdate();
            coordinator.requestRejoin();
        } finally {
            release();
        }
    }

    @Override
    public void unsubscribe() {
        acquire();
        try {
            unsubscribe0();
        } finally {
            release();
        }
    }

    private void unsubscribe0() {
        if (coordinator != null) {
            coordinator.unsubscribe(System.currentTimeMillis() + defaultApiTimeoutMs);
        }
        fetcher.clearBufferedFor(subscriptions.assignedPartitions());
        subscriptions.unsubscribe();
        metadata.setAllTopics(false);
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        acquire();
        try {
            if (partitions.isEmpty()) {
                unsubscribe0();
                return;
            }
            Set<TopicPartition> before = subscriptions.assignedPartitions();
            subscriptions.assignFromUser(partitions);
            List<TopicPartition> removed = new ArrayList<>();
            for (TopicPartition tp : before) {
                if (!subscriptions.isAssigned(tp)) {
                    removed.add(tp);
                }
            }
            fetcher.clearBufferedFor(removed);
            metadata.setTopics(partitions.stream().map(TopicPartition::topic).distinct().toList());
        } finally {
            release();
        }
    }

    @Override
    public Set<TopicPartition> assignment() {
        acquire();
        try {
            return subscriptions.assignedPartitions();
        } finally {
            release();
        }
    }

    @Override
    public Set<String> subscription() {
        acquire();
        try {
            return subscriptions.usesGroup() ? subscriptions.subscription() : Set.of();
        } finally {
            release();
        }
    }

    // ---- polling -----------------------------------------------------------------------------------------------

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        acquire();
        try {
            if (subscriptions.mode() == SubscriptionState.Mode.NONE) {
                throw new IllegalStateException("the consumer is not subscribed to any topic and has no assigned "
                    + "partition");
            }
            long deadline = deadline(timeout);
            do {
                blocking.maybeThrowWakeup();
                metadata.maybeUpdate();
                if (coordinator != null && !coordinator.poll(deadline)) {
                    continue;
                }
                if (!updatePositions(deadline)) {
                    continue;
                }
                ConsumerRecords<K, V> records = fetcher.collect();
                fetcher.sendFetches(); // ahead of the application
                if (!records.isEmpty()) {
                    return records;
                }
                long wait = Math.min(deadline - System.currentTimeMillis(), 100);
                if (!fetcher.hasCompleted() && wait > 0) {
                    fetcher.awaitData(wait);
                }
            } while (System.currentTimeMillis() < deadline);
            blocking.maybeThrowWakeup();
            return ConsumerRecords.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException(Errors.UNKNOWN_SERVER_ERROR, "interrupted in poll()");
        } finally {
            release();
        }
    }

    private static long deadline(Duration timeout) {
        long ms = timeout.toMillis();
        if (ms < 0) {
            throw new IllegalArgumentException("timeout : " + timeout + " (expected: not negative)");
        }
        long now = System.currentTimeMillis();
        return ms > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + ms;
    }

    /** Resolves unknown positions (committed offsets, then auto.offset.reset); false if the deadline cut it short. */
    private boolean updatePositions(long deadline) {
        List<TopicPartition> missing = subscriptions.missingPositions();
        if (missing.isEmpty()) {
            return true;
        }
        try {
            List<TopicPartition> initializing = new ArrayList<>();
            for (TopicPartition tp : missing) {
                if (subscriptions.pendingReset(tp) == null) {
                    initializing.add(tp);
                }
            }
            if (!initializing.isEmpty()) {
                Map<TopicPartition, OffsetAndMetadata> committed = coordinator == null ? Map.of()
                    : coordinator.fetchCommitted(initializing, deadline);
                Set<TopicPartition> none = new java.util.LinkedHashSet<>();
                for (TopicPartition tp : initializing) {
                    OffsetAndMetadata om = committed.get(tp);
                    if (om != null) {
                        subscriptions.position(tp, om.offset());
                    } else if (subscriptions.defaultReset() == SubscriptionState.Reset.NONE) {
                        none.add(tp);
                    } else {
                        subscriptions.requestReset(tp, subscriptions.defaultReset());
                    }
                }
                if (!none.isEmpty()) {
                    throw new NoOffsetForPartitionException(none);
                }
            }
            Map<TopicPartition, Long> specs = new LinkedHashMap<>();
            for (TopicPartition tp : subscriptions.missingPositions()) {
                SubscriptionState.Reset r = subscriptions.pendingReset(tp);
                if (r == SubscriptionState.Reset.EARLIEST) {
                    specs.put(tp, OffsetLookup.EARLIEST);
                } else if (r == SubscriptionState.Reset.LATEST) {
                    specs.put(tp, OffsetLookup.LATEST);
                }
            }
            if (!specs.isEmpty()) {
                Map<TopicPartition, OffsetLookup.Result> found = offsets.lookup(specs, deadline);
                found.forEach((tp, r) -> {
                    if (subscriptions.isAssigned(tp) && subscriptions.position(tp) == null) {
                        subscriptions.position(tp, r.offset());
                    }
                });
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    // ---- commits -----------------------------------------------------------------------------------------------

    @Override
    public void commitSync() {
        acquire();
        try {
            commitSync0(consumedOffsets());
        } finally {
            release();
        }
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        acquire();
        try {
            commitSync0(offsets);
        } finally {
            release();
        }
    }

    private void commitSync0(Map<TopicPartition, OffsetAndMetadata> offsets) {
        ConsumerCoordinator c = requireGroup("commitSync()");
        c.runCallbacks();
        c.commitSync(offsets, System.currentTimeMillis() + defaultApiTimeoutMs);
    }

    private Map<TopicPartition, OffsetAndMetadata> consumedOffsets() {
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        subscriptions.allPositions().forEach((tp, p) -> out.put(tp, new OffsetAndMetadata(p)));
        return out;
    }

    @Override
    public void commitAsync(OffsetCommitCallback callback) {
        acquire();
        try {
            requireGroup("commitAsync()").commitAsync(consumedOffsets(), callback);
        } finally {
            release();
        }
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        acquire();
        try {
            requireGroup("commitAsync()").commitAsync(offsets, callback);
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        acquire();
        try {
            Map<TopicPartition, OffsetAndMetadata> found = requireGroup("committed()")
                .fetchCommitted(partitions, System.currentTimeMillis() + defaultApiTimeoutMs);
            Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
            partitions.forEach(tp -> out.put(tp, found.get(tp)));
            return out;
        } finally {
            release();
        }
    }

    // ---- positions ---------------------------------------------------------------------------------------------

    @Override
    public void seek(TopicPartition partition, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset : " + offset + " (expected: >= 0)");
        }
        acquire();
        try {
            subscriptions.position(partition, offset);
        } finally {
            release();
        }
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        reset(partitions, SubscriptionState.Reset.EARLIEST);
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        reset(partitions, SubscriptionState.Reset.LATEST);
    }

    private void reset(Collection<TopicPartition> partitions, SubscriptionState.Reset reset) {
        acquire();
        try {
            Collection<TopicPartition> which = partitions.isEmpty() ? subscriptions.assignedPartitions() : partitions;
            for (TopicPartition tp : which) {
                subscriptions.requestReset(tp, reset);
            }
        } finally {
            release();
        }
    }

    @Override
    public long position(TopicPartition partition) {
        acquire();
        try {
            if (!subscriptions.isAssigned(partition)) {
                throw new IllegalStateException("position() needs an assigned partition; " + partition + " is not");
            }
            long deadline = System.currentTimeMillis() + defaultApiTimeoutMs;
            while (subscriptions.position(partition) == null) {
                if (!updatePositions(deadline)) {
                    throw new TimeoutException("timed out resolving the position of " + partition);
                }
            }
            return subscriptions.position(partition);
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
        acquire();
        try {
            timestamps.forEach((tp, ts) -> {
                if (ts < 0) {
                    throw new IllegalArgumentException("timestamp of " + tp + " : " + ts + " (expected: >= 0)");
                }
            });
            Map<TopicPartition, OffsetLookup.Result> found = offsets.lookup(timestamps,
                System.currentTimeMillis() + defaultApiTimeoutMs);
            Map<TopicPartition, OffsetAndTimestamp> out = new LinkedHashMap<>();
            timestamps.keySet().forEach(tp -> {
                OffsetLookup.Result r = found.get(tp);
                out.put(tp, r == null || r.offset() < 0 ? null : new OffsetAndTimestamp(r.offset(), r.timestamp()));
            });
            return out;
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return listOffsets(partitions, OffsetLookup.EARLIEST);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return listOffsets(partitions, OffsetLookup.LATEST);
    }

    private Map<TopicPartition, Long> listOffsets(Collection<TopicPartition> partitions, long spec) {
        acquire();
        try {
            Map<TopicPartition, Long> specs = new LinkedHashMap<>();
            partitions.forEach(tp -> specs.put(tp, spec));
            Map<TopicPartition, Long> out = new LinkedHashMap<>();
            offsets.lookup(specs, System.currentTimeMillis() + defaultApiTimeoutMs)
                .forEach((tp, r) -> out.put(tp, r.offset()));
            return out;
        } finally {
            release();
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        acquire();
        try {
            return metadata.awaitPartitions(topic, defaultApiTimeoutMs);
        } finally {
            release();
        }
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        acquire();
        try {
            subscriptions.pause(partitions);
        } finally {
            release();
        }
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        acquire();
        try {
            subscriptions.resume(partitions);
        } finally {
            release();
        }
    }

    @Override
    public Set<TopicPartition> paused() {
        acquire();
        try {
            return subscriptions.paused();
        } finally {
            release();
        }
    }

    @Override
    public void wakeup() {
        blocking.wakeup();
        fetcher.wakeup();
    }

    /** The client id in use. */
    public String clientId() {
        return clientId;
    }

    /** The member id in the group, or "" when not a member (for tests and tools). */
    public String memberId() {
        return coordinator == null ? "" : coordinator.memberId();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    @Override
    public void close(Duration timeout) {
        if (closed) {
            return;
        }
        acquire();
        try {
            closed = true;
            if (coordinator != null) {
                coordinator.close(deadline(timeout));
            }
        } catch (RuntimeException e) {
            log.warn("closing the consumer: {}", e.toString());
        } finally {
            network.close();
            keyDeserializer.close();
            valueDeserializer.close();
            release();
        }
    }
}
