package io.tributary.broker.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tributary.broker.log.LogConfig;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import io.tributary.common.Uuid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The topics of the broker: name, id, partition count and per-topic config overrides, kept in a small JSON file
 * in the first log directory so they survive restarts. Thread-safe; changes are written through at once.
 */
public final class TopicRegistry {
    static final String FILE = "__tributary_topics.json";
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_NAME_LENGTH = 249;
    /** Loaded on first use: a fresh broker with no topics starts without Jackson's ~400 classes. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** One topic. Immutable; a change makes a new instance. */
    public record Topic(String name, Uuid id, int partitions, Map<String, String> configs) {
        public Topic {
            configs = Map.copyOf(configs);
        }
    }

    /** The JSON shape on disk. */
    record StoredTopic(String name, String id, int partitions, Map<String, String> configs) {
    }

    private final Path file;
    private final Map<String, Object> brokerTopicDefaults;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();

    private TopicRegistry(Path file, Map<String, Object> brokerTopicDefaults) {
        this.file = file;
        this.brokerTopicDefaults = Map.copyOf(brokerTopicDefaults);
    }

    /** Loads the registry stored in {@code dir} (empty if none yet). */
    public static TopicRegistry open(Path dir, Map<String, Object> brokerTopicDefaults) throws IOException {
        Files.createDirectories(dir);
        TopicRegistry r = new TopicRegistry(dir.resolve(FILE), brokerTopicDefaults);
        if (Files.exists(r.file)) {
            StoredTopic[] stored = Json.MAPPER.readValue(r.file.toFile(), StoredTopic[].class);
            for (StoredTopic s : stored) {
                r.topics.put(s.name(), new Topic(s.name(), Uuid.fromString(s.id()), s.partitions(),
                    s.configs() == null ? Map.of() : s.configs()));
            }
        }
        return r;
    }

    /** Throws INVALID_TOPIC_EXCEPTION unless {@code name} is a legal Kafka topic name. */
    public static void validateName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
            || name.length() > MAX_NAME_LENGTH || !LEGAL.matcher(name).matches()) {
            throw new TributaryException(Errors.INVALID_TOPIC_EXCEPTION, "topic name '" + name + "' is not valid:"
                + " use up to 249 of the characters [a-zA-Z0-9._-], not '.' or '..'");
        }
    }

    public Optional<Topic> get(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    public Optional<Topic> byId(Uuid id) {
        return topics.values().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Collection<Topic> all() {
        return List.copyOf(topics.values());
    }

    /** The effective log settings of {@code topic}: broker defaults with the topic's overrides on top. */
    public LogConfig logConfig(String topic) {
        Topic t = topics.get(topic);
        return logConfig(t == null ? Map.of() : t.configs());
    }

    /** Broker defaults with {@code overrides} on top; throws INVALID_CONFIG naming a bad key. */
    public LogConfig logConfig(Map<String, String> overrides) {
        Map<String, Object> merged = new HashMap<>(brokerTopicDefaults);
        merged.putAll(overrides);
        return LogConfig.from(merged);
    }

    /** The broker-level default of each topic setting. */
    public Map<String, Object> brokerTopicDefaults() {
        return brokerTopicDefaults;
    }

    /**
     * Creates a topic. Throws TOPIC_ALREADY_EXISTS, INVALID_TOPIC_EXCEPTION, INVALID_PARTITIONS or INVALID_CONFIG.
     */
    public synchronized Topic create(String name, int partitions, Map<String, String> configs) {
        validateName(name);
        if (topics.containsKey(name)) {
            throw new TributaryException(Errors.TOPIC_ALREADY_EXISTS, "topic '" + name + "' already exists");
        }
        if (partitions < 1) {
            throw new TributaryException(Errors.INVALID_PARTITIONS, "number of partitions must be at least 1, got "
                + partitions);
        }
        logConfig(configs);
        Topic t = new Topic(name, Uuid.randomUuid(), partitions, configs);
        topics.put(name, t);
        save();
        return t;
    }

    /** Grows a topic to {@code partitions}; shrinking is INVALID_PARTITIONS, as in Kafka. */
    public synchronized Topic addPartitions(String name, int partitions) {
        Topic t = require(name);
        if (partitions <= t.partitions()) {
            throw new TributaryException(Errors.INVALID_PARTITIONS, "topic '" + name + "' has " + t.partitions()
                + " partitions; the new count must be larger, got " + partitions);
        }
        Topic grown = new Topic(name, t.id(), partitions, t.configs());
        topics.put(name, grown);
        save();
        return grown;
    }

    /** Replaces the overrides of a topic after validating them. */
    public synchronized Topic updateConfigs(String name, Map<String, String> configs) {
        Topic t = require(name);
        logConfig(configs);
        Topic updated = new Topic(name, t.id(), t.partitions(), configs);
        topics.put(name, updated);
        save();
        return updated;
    }

    public synchronized Optional<Topic> delete(String name) {
        Topic t = topics.remove(name);
        if (t != null) {
            save();
        }
        return Optional.ofNullable(t);
    }

    private Topic require(String name) {
        Topic t = topics.get(name);
        if (t == null) {
            throw new TributaryException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "topic '" + name + "' does not exist");
        }
        return t;
    }

    private void save() {
        List<StoredTopic> out = new ArrayList<>();
        for (Topic t : topics.values()) {
            out.add(new StoredTopic(t.name(), t.id().toString(), t.partitions(), new LinkedHashMap<>(t.configs())));
        }
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            Json.MAPPER.writeValue(tmp.toFile(), out);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("saving topics to " + file, e);
        }
    }
}
