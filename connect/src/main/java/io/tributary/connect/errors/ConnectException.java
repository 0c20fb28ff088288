package io.tributary.connect.errors;

/** A connector or task cannot go on (an external system failed, data cannot be read); fails the task. */
public class ConnectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectException(String message) {
        super(message);
    }

    public ConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
