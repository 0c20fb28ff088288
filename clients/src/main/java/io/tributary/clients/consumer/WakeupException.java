package io.tributary.clients.consumer;

import io.tributary.common.Errors;
import io.tributary.common.TributaryException;

/** A blocking consumer call was interrupted by {@link Consumer#wakeup()}. */
public class WakeupException extends TributaryException {
    public WakeupException() {
        super(Errors.NONE, "the consumer was woken up");
    }
}
