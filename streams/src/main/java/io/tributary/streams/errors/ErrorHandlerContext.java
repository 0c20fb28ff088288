package io.tributary.streams.errors;

import io.tributary.record.Header;
import java.util.List;

/**
 * Where an error happened, as the exception handlers see it: the input record being processed (its topic,
 * partition, offset, timestamp and headers; topic null and offsets -1 in a punctuation) and the task.
 */
public interface ErrorHandlerContext {
    /** The topic of the input record, or null. */
    String topic();

    /** The partition of the input record, or -1. */
    int partition();

    /** The offset of the input record, or -1. */
    long offset();

    /** The timestamp of the input record. */
    long timestamp();

    /** The headers of the input record. */
    List<Header> headers();

    /** The task: its partition number. */
    int taskId();
}
