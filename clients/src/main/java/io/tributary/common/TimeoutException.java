package io.tributary.common;

/**
 * An operation did not finish within its time limit ({@code request.timeout.ms}, {@code max.block.ms},
 * {@code delivery.timeout.ms} or a caller's own timeout). The message names the limit and what was waited for.
 */
public class TimeoutException extends TributaryException {
    public TimeoutException(String message) {
        super(Errors.REQUEST_TIMED_OUT, message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(Errors.REQUEST_TIMED_OUT, message, cause);
    }
}
