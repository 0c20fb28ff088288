package io.tributary.common;

/**
 * The base of Tributary's unchecked exceptions. Each carries the Kafka {@link Errors} entry it stands for, so a
 * broker can put the right code on the wire and a client can tell retriable failures from final ones.
 */
public class TributaryException extends RuntimeException {
    private final Errors error;

    public TributaryException(Errors error, String message) {
        super(message);
        this.error = error;
    }

    public TributaryException(Errors error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** The Kafka error this exception stands for. */
    public Errors error() {
        return error;
    }

    /** Whether retrying the same operation may succeed. */
    public boolean isRetriable() {
        return error.isRetriable();
    }
}
