package io.tributary.streams;

/** A failure of the streams runtime: a record that cannot be read, written or processed. */
public class StreamsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StreamsException(String message) {
        super(message);
    }

    public StreamsException(String message, Throwable cause) {
        super(message, cause);
    }
}
