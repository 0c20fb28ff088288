package io.tributary.streams;

import io.tributary.clients.serialization.Deserializer;
import io.tributary.clients.serialization.Serializer;
import io.tributary.common.MockTime;
import io.tributary.common.config.ParsedConfig;
import io.tributary.record.Header;
import io.tributary.streams.processor.internals.InternalTopology;
import io.tributary.streams.processor.internals.RecordCollector;
import io.tributary.streams.processor.internals.StreamTask;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.state.StateStore;
import io.tributary.streams.state.WindowStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a {@link Topology} without a broker, for unit tests: pipe records into input topics, read what the topology
 * sent to output topics, move the wall clock, and look into the state stores.
 *
 * <pre>{@code
 * try (var driver = new TopologyTestDriver(builder.build())) {
 *     var in = driver.createInputTopic("lines", Serdes.string().serializer(), Serdes.string().serializer());
 *     var out = driver.createOutputTopic("counts", Serdes.string().deserializer(), Serdes.longs().deserializer());
 *     in.pipeInput("a b a");
 *     assertThat(out.readKeyValuesToMap()).containsEntry("a", 2L);
 * }
 * }</pre>
 *
 * <p>Everything runs in one task (partition 0) on the calling thread, record by record: a piped record goes through
 * the whole topology before {@code pipeInput} returns, including the records it sent to repartition topics, which
 * the driver feeds back in at once. Changelog records are kept too and can be read as output topics. Stream-time
 * punctuations fire as records arrive; wall-clock ones on {@link #advanceWallClockTime}. The settings are those of
 * {@link StreamsConfig}; {@code application.id} defaults to {@code topology-test-driver} and
 * {@code bootstrap.servers} is not needed.
 */
public final class TopologyTestDriver implements AutoCloseable {
    /** A record the topology sent. */
    record Output(byte[] key, byte[] value, long timestamp, List<Header> headers) {
    }

    private final InternalTopology topology;
    private final String applicationId;
    private final MockTime time;
    private final StreamTask task;
    private final Set<String> sourceTopics;
    private final Set<String> internalTopics;
    private final Map<String, Deque<Output>> outputs = new LinkedHashMap<>();
    private final Deque<Map.Entry<String, Output>> internalPending = new ArrayDeque<>();
    private final Map<String, Long> offsets = new HashMap<>();
    private Path stateDir;
    private boolean closed;

    /** A driver with the default settings, its wall clock at the current time. */
    public TopologyTestDriver(Topology topology) {
        this(topology, Map.of());
    }

    /** A driver with these settings, its wall clock at the current time. */
    public TopologyTestDriver(Topology topology, Map<?, ?> config) {
        this(topology, config, Instant.now());
    }

    /** A driver with these settings, its wall clock at {@code initialWallClockTime}. */
    public TopologyTestDriver(Topology topology, Map<?, ?> config, Instant initialWallClockTime) {
        this.topology = Objects.requireNonNull(topology, "topology").internal();
        Map<Object, Object> settings = new HashMap<>(config);
        settings.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test-driver");
        settings.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "driver.invalid:9092");
        ParsedConfig parsed = StreamsConfig.parse(settings);
        this.applicationId = parsed.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        StreamsConfig.checkNames(parsed, this.topology);
        this.time = new MockTime(initialWallClockTime.toEpochMilli());
        this.sourceTopics = this.topology.sourceTopics(applicationId);
        this.internalTopics = this.topology.repartitionTopics(applicationId);
        boolean persistent = this.topology.stores().values().stream().anyMatch(b -> b.build().persistent());
        if (persistent) {
            try {
                stateDir = Files.createTempDirectory("tributary-test-driver");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a state directory for the test driver", e);
            }
        }
        this.task = new StreamTask(this.topology, applicationId, 0, new Collector(), time, stateDir);
        task.initialize();
    }

    /** An input topic whose records all get the current wall-clock time (unless given one). */
    public <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer,
                                                        Serializer<V> valueSerializer) {
        return createInputTopic(topic, keySerializer, valueSerializer, Instant.ofEpochMilli(time.milliseconds()),
            Duration.ZERO);
    }

    /**
     * An input topic whose records get {@code startTime} and then a time {@code autoAdvance} later than the record
     * before (unless given one).
     */
    public <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer,
                                                        Serializer<V> valueSerializer, Instant startTime,
                                                        Duration autoAdvance) {
        Objects.requireNonNull(topic, "topic");
        if (!sourceTopics.contains(topic)) {
            throw new IllegalArgumentException("topic " + topic + " is not read by the topology (it reads "
                + sourceTopics + ")");
        }
        return new TestInputTopic<>(this, topic, keySerializer, valueSerializer, startTime, autoAdvance);
    }

    /** An output topic: any topic the topology writes to, changelog and repartition topics included. */
    public <K, V> TestOutputTopic<K, V> createOutputTopic(String topic, Deserializer<K> keyDeserializer,
                                                          Deserializer<V> valueDeserializer) {
        Objects.requireNonNull(topic, "topic");
        return new TestOutputTopic<>(this, topic, keyDeserializer, valueDeserializer);
    }

    /** Moves the wall clock on by {@code advance} and fires the wall-clock punctuations that came due. */
    public void advanceWallClockTime(Duration advance) {
        checkOpen();
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance : " + advance + " (expected: not negative)");
        }
        time.setMilliseconds(time.milliseconds() + advance.toMillis());
        task.punctuateWallClock(time.milliseconds());
        drainInternal();
    }

    /** The names of every topic the topology has sent records to so far. */
    public Set<String> producedTopicNames() {
        return new LinkedHashSet<>(outputs.keySet());
    }

    /** The store called {@code name}, or null if there is none. */
    public StateStore getStateStore(String name) {
        checkOpen();
        return task.store(name);
    }

    /**
     * The key-value store called {@code name}, or null if there is none.
     *
     * @throws IllegalArgumentException if the store is of another kind
     */
    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, V> getKeyValueStore(String name) {
        return typed(name, KeyValueStore.class);
    }

    /**
     * The window store called {@code name}, or null if there is none.
     *
     * @throws IllegalArgumentException if the store is of another kind
     */
    @SuppressWarnings("unchecked")
    public <K, V> WindowStore<K, V> getWindowStore(String name) {
        return typed(name, WindowStore.class);
    }

    private <S> S typed(String name, Class<S> type) {
        StateStore store = getStateStore(name);
        if (store == null) {
            return null;
        }
        if (!type.isInstance(store)) {
            throw new IllegalArgumentException("store " + name + " is a " + store + ", not a " + type.getSimpleName());
        }
        return type.cast(store);
    }

    /** Every store by name. */
    public Map<String, StateStore> getAllStateStores() {
        Map<String, StateStore> out = new LinkedHashMap<>();
        for (String name : topology.stores().keySet()) {
            out.put(name, task.store(name));
        }
        return out;
    }

    /** Closes the processors and stores, and deletes the temporary state directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        task.close();
        if (stateDir != null) {
            try (Stream<Path> paths = Files.walk(stateDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + stateDir, e);
            }
        }
    }

    void pipe(String topic, byte[] key, byte[] value, long timestamp, List<Header> headers) {
        checkOpen();
        process(topic, new Output(key, value, timestamp, headers));
        drainInternal();
    }

    private void process(String topic, Output record) {
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        task.process(topic, 0, offset, record.timestamp(), record.headers(), record.key(), record.value());
    }

    /** Feeds records sent to repartition topics back in until none is left. */
    private void drainInternal() {
        Map.Entry<String, Output> next;
        while ((next = internalPending.poll()) != null) {
            process(next.getKey(), next.getValue());
        }
    }

    Output read(String topic) {
        Deque<Output> queue = outputs.get(topic);
        return queue == null ? null : queue.poll();
    }

    long queueSize(String topic) {
        Deque<Output> queue = outputs.get(topic);
        return queue == null ? 0 : queue.size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the driver is closed");
        }
    }

    private final class Collector implements RecordCollector {
        @Override
        public void send(String topic, Integer partition, long timestamp, List<Header> headers, byte[] key,
                         byte[] value) {
            Output out = new Output(key, value, timestamp, headers);
            outputs.computeIfAbsent(topic, t -> new ArrayDeque<>()).add(out);
            if (internalTopics.contains(topic)) {
                internalPending.add(Map.entry(topic, out));
            }
        }

        @Override
        public void flush() {
        }
    }

    /**
     * The session store called {@code name}, or null if there is none.
     *
     * @throws IllegalArgumentException if the store is of another kind
     */
    @SuppressWarnings("unchecked")
    public <K, V> io.tributary.streams.state.SessionStore<K, V> getSessionStore(String name) {
        return typed(name, io.tributary.streams.state.SessionStore.class);
    }
}
