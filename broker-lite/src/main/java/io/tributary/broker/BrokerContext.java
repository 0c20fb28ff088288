package io.tributary.broker;

import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.log.LogStore;
import io.tributary.broker.log.PartitionLog;
import io.tributary.common.Errors;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the API handlers share: settings, topics, logs, the clock, producer ids and the long-poll signal.
 * Thread-safe.
 */
public final class BrokerContext {
    private final BrokerConfig config;
    private final Time time;
    private final LogStore logs;
    private final TopicRegistry topics;
    private final String clusterId;
    private final ProducerIdBlock producerIds;
    private final DataArrival arrivals = new DataArrival();
    private volatile BrokerConfig.HostPort advertised;

    BrokerContext(BrokerConfig config, Time time, LogStore logs, TopicRegistry topics, String clusterId,
                  ProducerIdBlock producerIds) {
        this.config = config;
        this.time = time;
        this.logs = logs;
        this.topics = topics;
        this.clusterId = clusterId;
        this.producerIds = producerIds;
    }

    public BrokerConfig config() {
        return config;
    }

    public Time time() {
        return time;
    }

    public LogStore logs() {
        return logs;
    }

    public TopicRegistry topics() {
        return topics;
    }

    public String clusterId() {
        return clusterId;
    }

    public int nodeId() {
        return config.nodeId();
    }

    public BrokerConfig.HostPort advertised() {
        return advertised;
    }

    void advertised(BrokerConfig.HostPort hostPort) {
        this.advertised = hostPort;
    }

    public DataArrival arrivals() {
        return arrivals;
    }

    public ScheduledExecutorService scheduler() {
        return logs.scheduler();
    }

    public long nextProducerId() {
        return producerIds.nextId();
    }

    /** Creates {@code topic} with the default partition count if auto-creation is on; returns whether it exists. */
    public boolean ensureTopic(String topic, boolean allowAutoCreate) {
        if (topics.get(topic).isPresent()) {
            return true;
        }
        if (!allowAutoCreate || !config.autoCreateTopics()) {
            return false;
        }
        try {
            topics.create(topic, config.numPartitions(), java.util.Map.of());
        } catch (TributaryException e) {
            if (e.error() != Errors.TOPIC_ALREADY_EXISTS) {
                throw e;
            }
        }
        return true;
    }

    /** The log of an existing partition (created on first use), or empty if the topic or partition does not exist. */
    public Optional<PartitionLog> partition(String topic, int partition) {
        Optional<TopicRegistry.Topic> t = topics.get(topic);
        if (t.isEmpty() || partition < 0 || partition >= t.get().partitions()) {
            return Optional.empty();
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        Optional<PartitionLog> existing = logs.get(tp);
        return existing.isPresent() ? existing : Optional.of(logs.getOrCreate(tp, topics.logConfig(topic)));
    }
}
