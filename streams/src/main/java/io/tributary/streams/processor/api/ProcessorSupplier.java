package io.tributary.streams.processor.api;

import io.tributary.streams.state.StoreBuilder;
import java.util.Set;

/**
 * Makes a new {@link Processor} per task. Return a new instance from every {@link #get()} call.
 *
 * @param <KIn>  input key type
 * @param <VIn>  input value type
 * @param <KOut> output key type
 * @param <VOut> output value type
 */
@FunctionalInterface
public interface ProcessorSupplier<KIn, VIn, KOut, VOut> {
    /** A new processor. */
    Processor<KIn, VIn, KOut, VOut> get();

    /** Stores the processor uses, added to the topology and connected to it (none by default). */
    default Set<StoreBuilder<?>> stores() {
        return Set.of();
    }
}
