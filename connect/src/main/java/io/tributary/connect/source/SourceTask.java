package io.tributary.connect.source;

import io.tributary.connect.connector.Task;
import java.util.List;

/**
 * Reads records from an external system. The runtime calls {@link #initialize}, {@link #start}, then
 * {@link #poll} in a loop on the task's thread, sends what it returns to the broker, and stores each record's
 * source offset once the broker acknowledged it. {@link #stop} comes from another thread.
 */
public abstract class SourceTask implements Task {
    protected SourceTaskContext context;

    /** Called once before {@link #start}. */
    public void initialize(SourceTaskContext context) {
        this.context = context;
    }

    /**
     * The next records, or null or an empty list when there is nothing yet. May block briefly (well under a
     * second) waiting for data, but must return soon after {@link #stop}.
     */
    public abstract List<SourceRecord> poll() throws InterruptedException;

    /** Called after the runtime stored the offsets of the records sent so far. */
    public void commit() throws InterruptedException {
    }
}
