package io.tributary.clients.producer;

/** Told once when a send completes: exactly one of {@code metadata} and {@code exception} is non-null. */
@FunctionalInterface
public interface Callback {
    void onCompletion(RecordMetadata metadata, Exception exception);
}
