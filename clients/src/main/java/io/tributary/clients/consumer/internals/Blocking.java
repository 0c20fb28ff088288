package io.tributary.clients.consumer.internals;

import io.tributary.clients.consumer.WakeupException;
import io.tributary.common.Errors;
import io.tributary.common.TimeoutException;
import io.tributary.common.TributaryException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Waits on futures from the consumer's thread, so {@code wakeup()} and deadlines can cut a wait short. */
public final class Blocking {
    private final AtomicReference<CompletableFuture<Void>> wakeup = new AtomicReference<>(new CompletableFuture<>());

    /** Makes the current or next wait throw {@link WakeupException}. */
    public void wakeup() {
        wakeup.get().complete(null);
    }

    /** Throws {@link WakeupException} if a wakeup is pending (and clears it). */
    public void maybeThrowWakeup() {
        CompletableFuture<Void> w = wakeup.get();
        if (w.isDone()) {
            wakeup.compareAndSet(w, new CompletableFuture<>());
            throw new WakeupException();
        }
    }

    /**
     * The value of {@code f}, waiting at most until {@code deadlineMs}.
     *
     * @throws TimeoutException   naming {@code what} when the deadline passes
     * @throws WakeupException    after {@link #wakeup()}
     * @throws TributaryException (or another runtime exception) the future failed with
     */
    public <T> T await(CompletableFuture<T> f, long deadlineMs, String what) {
        while (true) {
            maybeThrowWakeup();
            long left = deadlineMs - System.currentTimeMillis();
            if (f.isDone() || left > 0) {
                try {
                    CompletableFuture.anyOf(f, wakeup.get()).get(Math.max(left, 0), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // checked below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TributaryException(Errors.UNKNOWN_SERVER_ERROR, "interrupted while waiting for " + what);
                } catch (ExecutionException e) {
                    // f failed: reported below
                }
            }
            if (f.isDone()) {
                return join(f);
            }
            if (deadlineMs - System.currentTimeMillis() <= 0) {
                throw new TimeoutException("timed out waiting for " + what);
            }
        }
    }

    /** The value of a completed future, unwrapping its failure. */
    public static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new TributaryException(Errors.UNKNOWN_SERVER_ERROR, String.valueOf(c), c);
        }
    }

    /** Sleeps up to {@code ms}, returning early (and throwing) on wakeup. */
    public void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            wakeup.get().get(ms, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            // not possible: completed normally
        }
        maybeThrowWakeup();
    }
}
