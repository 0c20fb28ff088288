package io.tributary.clients.consumer;

import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;

/**
 * A record's key or value could not be deserialized. The consumer's position stays at that record: seek past
 * {@link #offset()} to skip it.
 */
public class RecordDeserializationException extends TributaryException {
    private final TopicPartition partition;
    private final long offset;

    public RecordDeserializationException(TopicPartition partition, long offset, String message, Throwable cause) {
        super(Errors.UNKNOWN_SERVER_ERROR, message, cause);
        this.partition = partition;
        this.offset = offset;
    }

    public TopicPartition topicPartition() {
        return partition;
    }

    public long offset() {
        return offset;
    }
}
