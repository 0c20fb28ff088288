package io.tributary.connect.runtime;

/**
 * Where a task is in its life, with the failure that stopped it.
 *
 * @param id      {@code <connector>-<task number>}
 * @param state   RUNNING, PAUSED, FAILED or STOPPED
 * @param failure why it failed, or null
 */
public record TaskState(String id, State state, Throwable failure) {
    /** A task's state. */
    public enum State { RUNNING, PAUSED, FAILED, STOPPED }
}
