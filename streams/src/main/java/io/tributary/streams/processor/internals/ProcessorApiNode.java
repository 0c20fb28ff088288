package io.tributary.streams.processor.internals;

import io.tributary.streams.StreamsException;
import io.tributary.streams.processor.api.Cancellable;
import io.tributary.streams.processor.api.Processor;
import io.tributary.streams.processor.api.ProcessorContext;
import io.tributary.streams.processor.api.PunctuationType;
import io.tributary.streams.processor.api.Punctuator;
import io.tributary.streams.processor.api.Record;
import io.tributary.streams.processor.api.RecordMetadata;
import io.tributary.streams.state.StateStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Runs a user's {@link Processor} as a node of the graph, giving it a {@link ProcessorContext} of its own. */
public final class ProcessorApiNode<KIn, VIn, KOut, VOut> extends ProcessorNode {
    private final Processor<KIn, VIn, KOut, VOut> processor;

    public ProcessorApiNode(Processor<KIn, VIn, KOut, VOut> processor) {
        this.processor = Objects.requireNonNull(processor, "the ProcessorSupplier returned null");
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        processor.init(new NodeContext());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        ProcessorContextImpl c = context();
        processor.process(new Record<>((KIn) key, (VIn) value, Math.max(0, c.timestamp()), c.headers()));
    }

    @Override
    public void close() {
        processor.close();
    }

    private final class NodeContext implements ProcessorContext<KOut, VOut> {
        @Override
        public String applicationId() {
            return context().applicationId();
        }

        @Override
        public int taskId() {
            return context().partition();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            ProcessorContextImpl c = context();
            return c.topic() == null ? Optional.empty()
                : Optional.of(new RecordMetadata(c.topic(), c.recordPartition(), c.offset()));
        }

        @Override
        public <K extends KOut, V extends VOut> void forward(Record<K, V> record) {
            ProcessorApiNode.this.forward(record.key(), record.value(), record.timestamp(), record.headers(), null);
        }

        @Override
        public <K extends KOut, V extends VOut> void forward(Record<K, V> record, String childName) {
            Objects.requireNonNull(childName, "childName");
            ProcessorApiNode.this.forward(record.key(), record.value(), record.timestamp(), record.headers(),
                childName);
        }

        @Override
        public <S extends StateStore> S getStateStore(String name) {
            if (!storeNames().contains(name)) {
                throw new StreamsException("processor " + name() + " is not connected to store " + name
                    + " (connected: " + storeNames() + "); name it in process(supplier, storeNames...) or "
                    + "return it from ProcessorSupplier.stores()");
            }
            return context().store(name);
        }

        @Override
        public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(callback, "callback");
            return context().schedule(ProcessorApiNode.this, interval.toMillis(), type, callback);
        }

        @Override
        public long currentStreamTimeMs() {
            return context().streamTime();
        }

        @Override
        public long currentSystemTimeMs() {
            return context().time().milliseconds();
        }

        @Override
        public void commit() {
            context().requestCommit();
        }
    }
}
