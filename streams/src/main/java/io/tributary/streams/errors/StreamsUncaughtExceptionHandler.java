package io.tributary.streams.errors;

/**
 * Decides what happens when a stream thread dies of an exception (Kafka Streams' interface of the same name). Set
 * it with {@code TributaryStreams.setUncaughtExceptionHandler} before {@code start()}; without one the instance
 * shuts down ({@link StreamThreadExceptionResponse#SHUTDOWN_CLIENT}). Called on the dying thread.
 */
@FunctionalInterface
public interface StreamsUncaughtExceptionHandler {
    /** What to do after a stream thread died. */
    enum StreamThreadExceptionResponse {
        /** Start a new thread with the same name in place of the dead one; the instance keeps running. */
        REPLACE_THREAD,
        /** Stop every thread of this instance; it ends in state ERROR. */
        SHUTDOWN_CLIENT,
        /**
         * Stop every instance of the application. Tributary cannot signal the other instances yet (Kafka does it
         * through its own group protocol), so this stops this instance only, as {@link #SHUTDOWN_CLIENT}.
         */
        SHUTDOWN_APPLICATION
    }

    /** The response to {@code exception}, which ended a stream thread. */
    StreamThreadExceptionResponse handle(Throwable exception);
}
