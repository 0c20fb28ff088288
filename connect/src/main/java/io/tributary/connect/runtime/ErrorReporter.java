package io.tributary.connect.runtime;

import java.util.concurrent.CompletableFuture;

/** Where a failed record is reported: the log, a dead letter queue topic. Task thread only. */
interface ErrorReporter extends AutoCloseable {
    /**
     * Reports the failure in {@code context}.
     *
     * @return completes when the report is durable (a dead letter queue record acknowledged)
     */
    CompletableFuture<?> report(ProcessingContext context);

    @Override
    default void close() {
    }
}
