package io.tributary.connect.runtime;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.connect.source.SourceRecord;
import java.nio.charset.StandardCharsets;

/**
 * One record on its way through a task, for error handling: the record as consumed (sinks) or as polled (sources),
 * the stage it is in and the class doing the work, and the failure if one happened. One per record, task thread
 * only.
 */
final class ProcessingContext {
    private final ConsumerRecord<byte[], byte[]> consumed;
    private final SourceRecord polled;
    private Stage stage;
    private Class<?> executingClass;
    private Throwable error;

    private ProcessingContext(ConsumerRecord<byte[], byte[]> consumed, SourceRecord polled) {
        this.consumed = consumed;
        this.polled = polled;
    }

    /** A sink's record, as read from its topic. */
    static ProcessingContext consumed(ConsumerRecord<byte[], byte[]> record) {
        return new ProcessingContext(record, null);
    }

    /** A source's record, as its task returned it. */
    static ProcessingContext polled(SourceRecord record) {
        return new ProcessingContext(null, record);
    }

    /** The sink's record as read (its original topic, partition, offset, bytes and headers), or null for sources. */
    ConsumerRecord<byte[], byte[]> consumed() {
        return consumed;
    }

    SourceRecord polled() {
        return polled;
    }

    void position(Stage stage, Class<?> executingClass) {
        this.stage = stage;
        this.executingClass = executingClass;
    }

    Stage stage() {
        return stage;
    }

    Class<?> executingClass() {
        return executingClass;
    }

    void failed(Throwable error) {
        this.error = error;
    }

    /** Whether a stage failed for this record (and the failure was tolerated, or the task is failing). */
    boolean failed() {
        return error != null;
    }

    Throwable error() {
        return error;
    }

    /** Where the record came from, e.g. {@code topic orders partition 0 offset 17}; with its content if asked. */
    String describeRecord(boolean includeMessages) {
        StringBuilder sb = new StringBuilder();
        if (consumed != null) {
            sb.append("topic ").append(consumed.topic()).append(" partition ").append(consumed.partition())
                .append(" offset ").append(consumed.offset()).append(" timestamp ").append(consumed.timestamp());
            if (includeMessages) {
                sb.append(" key ").append(text(consumed.key())).append(" value ").append(text(consumed.value()));
            }
        } else if (polled != null) {
            sb.append("source partition ").append(polled.sourcePartition()).append(" offset ")
                .append(polled.sourceOffset()).append(" for topic ").append(polled.topic());
            if (includeMessages) {
                sb.append(" key ").append(polled.key()).append(" value ").append(polled.value());
            }
        }
        return sb.toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : "'" + new String(bytes, StandardCharsets.UTF_8) + "'";
    }
}
