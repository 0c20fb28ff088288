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
    private final java.util.concurrent.ConcurrentHashMap<TopicPartition, ProducerStateTable> producerStates =
        new java.util.concurrent.ConcurrentHashMap<>();
    private volatile BrokerConfig.HostPort advertised;
    private volatile io.tributary.broker.group.GroupCoordinator groupCoordinator;
    private volatile io.tributary.broker.group.OffsetManager groupOffsets;

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

    /** The classic group coordinator. */
    public io.tributary.broker.group.GroupCoordinator groupCoordinator() {
        return groupCoordinator;
    }

    void groupCoordinator(io.tributary.broker.group.GroupCoordinator coordinator) {
        this.groupCoordinator = coordinator;
    }

    /** The committed offsets of the consumer groups. */
    public io.tributary.broker.group.OffsetManager groupOffsets() {
        return groupOffsets;
    }

    void groupOffsets(io.tributary.broker.group.OffsetManager offsets) {
        this.groupOffsets = offsets;
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

    /** The idempotent-producer state of a partition, rebuilt from its log on first use. */
    ProducerStateTable producerState(TopicPartition tp, PartitionLog log) {
        return producerStates.computeIfAbsent(tp, k -> ProducerStateTable.rebuild(log));
    }

    /** What appending one produced batch did. */
    public record ProduceOutcome(long baseOffset, long logAppendTime, long logStartOffset, boolean duplicate) {
    }

    /**
     * Appends the single batch of a Produce partition (v3+ carries exactly one), applying the idempotent-producer
     * checks: a retry of one of the producer's last five batches is not written again and answers with its original
     * offset; an older epoch is INVALID_PRODUCER_EPOCH; a sequence gap is OUT_OF_ORDER_SEQUENCE_NUMBER.
     */
    public ProduceOutcome appendProduced(TopicPartition tp, PartitionLog log, java.nio.ByteBuffer records) {
        io.tributary.record.RecordBatch batch = io.tributary.record.RecordBatch.wrap(records);
        if (batch.sizeInBytes() != records.remaining()) {
            throw new TributaryException(Errors.INVALID_RECORD, "a produce request must carry exactly one batch per"
                + " partition");
        }
        if (!batch.hasProducerId() || batch.isControlBatch()) {
            io.tributary.broker.log.LogAppendInfo info = log.append(records);
            return new ProduceOutcome(info.firstOffset(), info.logAppendTime(), info.logStartOffset(), false);
        }
        long pid = batch.producerId();
        short epoch = batch.producerEpoch();
        int first = batch.baseSequence();
        int last = ProducerStateTable.lastSequence(first, batch.lastOffsetDelta());
        ProducerStateTable table = producerState(tp, log);
        synchronized (table) {
            Optional<ProducerStateTable.BatchMeta> dup = table.check(pid, epoch, first, last);
            if (dup.isPresent()) {
                return new ProduceOutcome(dup.get().firstOffset(), -1, log.logStartOffset(), true);
            }
            io.tributary.broker.log.LogAppendInfo info = log.append(records);
            table.update(pid, epoch, new ProducerStateTable.BatchMeta(first, last, info.firstOffset(),
                info.lastOffset(), info.maxTimestamp()));
            return new ProduceOutcome(info.firstOffset(), info.logAppendTime(), info.logStartOffset(), false);
        }
    }

    /** Forgets the producer state of a deleted partition. */
    public void forgetPartition(TopicPartition tp) {
        producerStates.remove(tp);
    }

    /**
     * Creates {@code topic} with the default partition count if auto-creation is on; returns whether it exists.
     * The internal {@code __consumer_offsets} is never auto-created here: the group coordinator creates it, compacted,
     * on the first offset commit.
     */
    public boolean ensureTopic(String topic, boolean allowAutoCreate) {
        if (topics.get(topic).isPresent()) {
            return true;
        }
        if (!allowAutoCreate || !config.autoCreateTopics()
            || topic.equals(io.tributary.broker.group.OffsetsTopicStore.TOPIC)) {
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
