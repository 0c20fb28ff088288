package io.tributary.streams.errors;

import io.tributary.streams.StreamsException;

/**
 * An interactive query cannot be served now: the store is unknown, the instance is not running (rebalancing,
 * starting, shutting down), or the task holding the store was closed during the query. Retry later for the
 * transient cases.
 */
public class InvalidStateStoreException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public InvalidStateStoreException(String message) {
        super(message);
    }

    public InvalidStateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
