package io.tributary.streams.processor.api;

import io.tributary.streams.state.StateStore;
import java.time.Duration;
import java.util.Optional;

/**
 * A processor's view of its task: forward records to its children, read and write the stores connected to it,
 * schedule punctuations, and learn about the record being processed.
 *
 * @param <KForward> key type of forwarded records
 * @param <VForward> value type of forwarded records
 */
public interface ProcessorContext<KForward, VForward> {
    /** The application id. */
    String applicationId();

    /** The task's id: the partition number of the input partitions it processes. */
    int taskId();

    /**
     * The source of the record being processed; empty inside a punctuation (no record is being processed then).
     */
    Optional<RecordMetadata> recordMetadata();

    /** Passes {@code record} to every child. */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record);

    /**
     * Passes {@code record} to the child named {@code childName} only.
     *
     * @throws io.tributary.streams.StreamsException if the processor has no such child
     */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record, String childName);

    /**
     * The store called {@code name}, which must be connected to this processor.
     *
     * @throws io.tributary.streams.StreamsException if no such store is connected
     */
    <S extends StateStore> S getStateStore(String name);

    /**
     * Calls {@code callback} every {@code interval} of stream time or wall-clock time, until cancelled or the task
     * closes.
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /** The task's stream time: the largest timestamp it has processed, or -1 before the first record. */
    long currentStreamTimeMs();

    /** The wall-clock time in milliseconds (the driver's mock clock in tests). */
    long currentSystemTimeMs();

    /** Asks for a commit as soon as the current record is done (the runtime also commits every commit.interval.ms). */
    void commit();
}
