package io.tributary.connect.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task on its own thread: start, the work loop, a last commit, stop. A failure marks the task FAILED with
 * its cause and stops only this task.
 */
abstract class WorkerTask implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(WorkerTask.class);

    protected final String id;
    protected volatile boolean stopping;
    protected volatile boolean paused;
    private final Object pauseLock = new Object();
    private volatile TaskState state;
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile Consumer<String> topicTracker = topic -> { };

    WorkerTask(String id) {
        this.id = id;
        this.state = new TaskState(id, TaskState.State.RUNNING, null);
    }

    @Override
    public final void run() {
        try {
            execute();
            state = new TaskState(id, TaskState.State.STOPPED, null);
            log.info("task {} stopped", id);
        } catch (Throwable t) {
            state = new TaskState(id, TaskState.State.FAILED, t);
            log.error("task {} failed; it stays stopped until restarted", id, t);
        } finally {
            exited.countDown();
        }
    }

    /** The task's whole life on its thread; returns when stopped, throws when failed. */
    protected abstract void execute() throws Exception;

    /** Where the task reports each topic it produces to or consumes from (Kafka's active topics). */
    void trackTopics(Consumer<String> tracker) {
        this.topicTracker = tracker;
    }

    /** Records {@code topic} as used by this task's connector. */
    protected void usedTopic(String topic) {
        topicTracker.accept(topic);
    }

    /** Asks the task to stop; returns at once. */
    void stop() {
        stopping = true;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        onStop();
    }

    /** Stops the flow of records until {@link #resume}; the task keeps its resources. */
    void pause() {
        paused = true;
    }

    void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    /** Blocks the task's thread while paused, until resumed or stopped. */
    protected void awaitResumed() throws InterruptedException {
        synchronized (pauseLock) {
            while (paused && !stopping) {
                pauseLock.wait();
            }
        }
    }

    /** Unblocks the task's thread (wake a consumer, stop a source task). */
    protected abstract void onStop();

    /** Releases the task's client when the task is dropped before its thread ever started. */
    abstract void abandon();

    /** Waits for the task's thread to finish; false on timeout. */
    boolean awaitStop(long timeoutMs) throws InterruptedException {
        return exited.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    TaskState state() {
        TaskState s = state;
        return s.state() == TaskState.State.RUNNING && paused ? new TaskState(id, TaskState.State.PAUSED, null) : s;
    }
}
