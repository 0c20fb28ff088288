package io.tributary.streams.processor.internals;

import io.tributary.clients.consumer.Consumer;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.ConsumerRecords;
import io.tributary.common.TopicPartition;
import io.tributary.streams.StreamsException;
import io.tributary.streams.state.internals.ChangeLoggingKeyValueStore;
import io.tributary.streams.state.internals.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology at work on one partition number: partition {@code p} of every source topic, with its own processor
 * graph and state stores (whose changelog partition is also {@code p}). Sources with the same partition count and
 * keys are therefore co-partitioned.
 */
final class StreamTask {
    private static final Logger log = LoggerFactory.getLogger(StreamTask.class);

    private final int partition;
    private final ProcessorContextImpl context;
    private final Map<String, ProcessorNode> sources;
    private final List<InMemoryKeyValueStore> stores = new ArrayList<>();
    private final List<String> changelogs = new ArrayList<>();

    StreamTask(InternalTopology topology, String applicationId, int partition, RecordCollector collector) {
        this.partition = partition;
        this.context = new ProcessorContextImpl(applicationId, partition, collector);
        for (InternalTopology.StoreSpec spec : topology.stores().values()) {
            var inner = new InMemoryKeyValueStore(spec.name());
            String changelog = InternalTopology.changelogTopic(applicationId, spec.name());
            context.register(storeOf(inner, spec, changelog));
            stores.add(inner);
            changelogs.add(changelog);
        }
        this.sources = topology.build(applicationId);
        for (ProcessorNode node : topology.instancesInOrder(sources)) {
            node.init(context);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ChangeLoggingKeyValueStore<?, ?> storeOf(InMemoryKeyValueStore inner, InternalTopology.StoreSpec spec,
                                                     String changelog) {
        return new ChangeLoggingKeyValueStore(inner, spec.keySerde(), spec.valueSerde(), changelog, context);
    }

    int partition() {
        return partition;
    }

    /**
     * Replays each store's changelog partition from the beginning to its end offset into the store, with
     * {@code restoreConsumer} (manually assigned, no group). Fails if no record arrives for {@code stallTimeout}
     * while the end is not reached (the broker stopped answering), rather than hanging the stream thread.
     */
    void restore(Consumer<byte[], byte[]> restoreConsumer, Duration pollTimeout, Duration stallTimeout) {
        for (int i = 0; i < stores.size(); i++) {
            InMemoryKeyValueStore store = stores.get(i);
            TopicPartition tp = new TopicPartition(changelogs.get(i), partition);
            restoreConsumer.assign(List.of(tp));
            restoreConsumer.seekToBeginning(List.of(tp));
            long end = restoreConsumer.endOffsets(List.of(tp)).getOrDefault(tp, 0L);
            long restored = 0;
            long lastProgress = System.nanoTime();
            long position;
            while ((position = restoreConsumer.position(tp)) < end) {
                if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                    throw new StreamsException("task " + partition + ": restoring store " + store.name() + " from "
                        + tp + " made no progress for " + stallTimeout + " (at offset " + position + " of " + end + ")");
                }
                ConsumerRecords<byte[], byte[]> records = restoreConsumer.poll(pollTimeout);
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.offset() < end) {
                        store.put(r.key(), r.value());
                        restored++;
                    }
                }
            }
            restoreConsumer.assign(List.of());
            log.info("task {}: restored store {} from {} ({} records up to offset {}, {} keys)", partition,
                store.name(), tp, restored, end, store.size());
        }
    }

    /** Runs one consumed record through the graph. */
    void process(ConsumerRecord<byte[], byte[]> record) {
        ProcessorNode source = sources.get(record.topic());
        if (source == null) {
            throw new StreamsException("task " + partition + " has no source for topic " + record.topic());
        }
        context.setRecord(record.topic(), record.offset(), record.timestamp());
        source.process(record.key(), record.value());
    }
}
