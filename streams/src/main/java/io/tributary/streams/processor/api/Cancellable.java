package io.tributary.streams.processor.api;

/** A scheduled punctuation: cancel it to stop it. */
@FunctionalInterface
public interface Cancellable {
    /** Stops the punctuation; it does not fire again. */
    void cancel();
}
