package io.tributary.streams.processor.internals;

import java.util.ArrayList;
import java.util.List;

/**
 * One operator of a task's processor graph. The runtime creates a fresh graph per task, so a node may keep state of
 * its task in fields. {@link #process} handles a record and calls {@link #forward} for each record it passes on;
 * forwarding is depth-first, so a record reaches every sink before the next input record is read.
 */
public abstract class ProcessorNode {
    private final List<ProcessorNode> children = new ArrayList<>();
    private ProcessorContextImpl context;

    /** Called once before the first record, with the task's context. */
    public void init(ProcessorContextImpl context) {
        this.context = context;
    }

    /** Handles one record. */
    public abstract void process(Object key, Object value);

    /** Passes a record to every child. */
    protected final void forward(Object key, Object value) {
        for (ProcessorNode child : children) {
            child.process(key, value);
        }
    }

    /** Passes a record to the child at {@code index} only (children are in the order they were added). */
    protected final void forwardTo(int index, Object key, Object value) {
        children.get(index).process(key, value);
    }

    protected final ProcessorContextImpl context() {
        return context;
    }

    List<ProcessorNode> children() {
        return children;
    }

    void addChild(ProcessorNode child) {
        children.add(child);
    }
}
