package io.tributary.record;

/** How the timestamps of a batch were assigned (attribute bit 3). */
public enum TimestampType {
    /** Only for a missing timestamp; never encoded in a v2 batch. */
    NO_TIMESTAMP_TYPE(-1, "NoTimestampType"),
    /** The producer's timestamp is kept. */
    CREATE_TIME(0, "CreateTime"),
    /** The broker stamped the batch; all records take the batch maxTimestamp. */
    LOG_APPEND_TIME(1, "LogAppendTime");

    /** Wire id, or -1 for {@link #NO_TIMESTAMP_TYPE}. */
    public final int id;
    /** Display name as Kafka prints it (e.g. in {@code message.timestamp.type}). */
    public final String displayName;

    TimestampType(int id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    static TimestampType fromAttributes(int attributes) {
        return (attributes & RecordBatchDescriptor.TIMESTAMP_TYPE_MASK) == 0 ? CREATE_TIME : LOG_APPEND_TIME;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
