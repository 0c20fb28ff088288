package io.tributary.connect.runtime;

/**
 * Where in a task's pipeline a record failed; the value of the {@code __connect.errors.stage} header, with Kafka
 * Connect's names.
 */
enum Stage {
    /** A source task's {@code poll}. */
    TASK_POLL,
    /** A sink task's {@code put}: a record the task reported through its {@code ErrantRecordReporter}. */
    TASK_PUT,
    /** A single message transform. */
    TRANSFORMATION,
    KEY_CONVERTER,
    VALUE_CONVERTER,
    HEADER_CONVERTER,
    /** Sending a source record to the broker. */
    KAFKA_PRODUCE,
    /** Reading a sink's records from the broker. */
    KAFKA_CONSUME
}
