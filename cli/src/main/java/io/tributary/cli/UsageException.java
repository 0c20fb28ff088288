package io.tributary.cli;

/** The command line is wrong (unknown or missing flag, bad value): the tool prints its usage and exits 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A usage error described by {@code message} (one line, no trailing period). */
    public UsageException(String message) {
        super(message);
    }
}
