package io.tributary.streams.processor.internals;

import io.tributary.record.Header;
import io.tributary.streams.StreamsException;
import java.util.ArrayList;
import java.util.List;

/**
 * One operator of a task's processor graph. The runtime creates a fresh graph per task, so a node may keep state of
 * its task in fields. {@link #process} handles a record and calls {@link #forward} for each record it passes on;
 * forwarding is depth-first, so a record reaches every sink before the next input record is read. A forwarded
 * record carries the timestamp and headers of the record being processed unless the node gives others.
 */
public abstract class ProcessorNode {
    private final List<ProcessorNode> children = new ArrayList<>();
    /** {@link #children} as an array, for the per-record loop in {@link #forward(Object, Object)}. */
    private ProcessorNode[] childArray = new ProcessorNode[0];
    private ProcessorContextImpl context;
    private String name = getClass().getSimpleName();
    private List<String> storeNames = List.of();

    /** Called once before the first record, with the task's context. */
    public void init(ProcessorContextImpl context) {
        this.context = context;
    }

    /** Handles one record. */
    public abstract void process(Object key, Object value);

    /** Called when the task closes. */
    public void close() {
    }

    /** Passes a record to every child, with the current timestamp and headers. */
    protected final void forward(Object key, Object value) {
        for (ProcessorNode child : childArray) {
            child.process(key, value);
        }
    }

    /** Passes a record with timestamp {@code timestamp} to every child. */
    protected final void forward(Object key, Object value, long timestamp) {
        forward(key, value, timestamp, context.headers(), null);
    }

    /**
     * Passes a record with this timestamp and these headers to every child, or only to the child called
     * {@code childName} when it is not null; the context's timestamp and headers are restored afterwards.
     */
    final void forward(Object key, Object value, long timestamp, List<Header> headers, String childName) {
        long savedTimestamp = context.timestamp();
        List<Header> savedHeaders = context.headers();
        context.setTimestampAndHeaders(timestamp, headers);
        try {
            if (childName == null) {
                forward(key, value);
            } else {
                child(childName).process(key, value);
            }
        } finally {
            context.setTimestampAndHeaders(savedTimestamp, savedHeaders);
        }
    }

    private ProcessorNode child(String childName) {
        for (ProcessorNode child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        throw new StreamsException("processor " + name + " has no child " + childName + " (children: "
            + children.stream().map(c -> c.name).toList() + ")");
    }

    /** Passes a record to the child at {@code index} only (children are in the order they were added). */
    protected final void forwardTo(int index, Object key, Object value) {
        children.get(index).process(key, value);
    }

    protected final ProcessorContextImpl context() {
        return context;
    }

    /** The node's name in the topology. */
    public final String name() {
        return name;
    }

    /** The stores connected to this node. */
    final List<String> storeNames() {
        return storeNames;
    }

    void setNameAndStores(String name, List<String> storeNames) {
        this.name = name;
        this.storeNames = List.copyOf(storeNames);
    }

    List<ProcessorNode> children() {
        return children;
    }

    void addChild(ProcessorNode child) {
        children.add(child);
        childArray = children.toArray(new ProcessorNode[0]);
    }
}
