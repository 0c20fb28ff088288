package io.tributary.cli;

/** The tool cannot do its job for a reason the user can act on; printed as one line, exit code 1. */
public final class ToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message} (one line). */
    public ToolException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
