package io.tributary.streams.processor.api;

/**
 * A node of the low-level Processor API: receives records one at a time and forwards any number of records to its
 * children through its {@link ProcessorContext}. The runtime creates one instance per task (from a
 * {@link ProcessorSupplier}), so an instance may keep state of its task in fields; durable state belongs in a state
 * store.
 *
 * @param <KIn>  input key type
 * @param <VIn>  input value type
 * @param <KOut> output key type
 * @param <VOut> output value type
 */
public interface Processor<KIn, VIn, KOut, VOut> {
    /** Called once before the first record, with this instance's context (keep it to forward and to read stores). */
    default void init(ProcessorContext<KOut, VOut> context) {
    }

    /** Handles one record. */
    void process(Record<KIn, VIn> record);

    /** Called when the task closes. */
    default void close() {
    }
}
