package io.tributary.connect.data;

/** Data that does not fit its schema, or bytes a converter cannot read; the message says which and why. */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
