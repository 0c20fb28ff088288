package io.tributary.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks a long-running tool (broker-lite-start, console-consumer) to finish cleanly: Ctrl-C in a real process, a
 * test's {@link #stop()} in-process. Thread-safe.
 */
public final class StopSignal {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** A signal that has not fired. */
    public StopSignal() {
    }

    /** Fires the signal (once) and runs the listeners registered so far. */
    public void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        stopped.countDown();
        listeners.forEach(Runnable::run);
    }

    /** Whether {@link #stop()} was called. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Runs {@code listener} on {@link #stop()} (at once if already stopped); for waking up a blocked client. */
    public void onStop(Runnable listener) {
        listeners.add(listener);
        if (isStopped()) {
            listener.run();
        }
    }

    /** Blocks until the signal fires. */
    public void await() throws InterruptedException {
        stopped.await();
    }

    /** Blocks until the signal fires or {@code ms} pass; true if it fired. */
    public boolean await(long ms) throws InterruptedException {
        return stopped.await(ms, TimeUnit.MILLISECONDS);
    }
}
