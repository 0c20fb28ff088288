package io.tributary.connect.errors;

/**
 * A failure that may not happen again if the same operation is retried (a database briefly unreachable, a lock
 * timeout). A converter or transform throwing it is retried for {@code errors.retry.timeout}; a sink task's
 * {@code put} throwing it gets the same batch again later (see {@link io.tributary.connect.sink.SinkTask#put}).
 */
public class RetriableException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetriableException(Throwable cause) {
        super(cause.toString(), cause);
    }
}
