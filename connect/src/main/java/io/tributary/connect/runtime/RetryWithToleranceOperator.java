package io.tributary.connect.runtime;

import io.tributary.common.Time;
import io.tributary.common.TributaryException;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.errors.RetriableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one stage of a record's processing (a converter, a transform) under the connector's {@code errors.*}
 * settings, as Kafka Connect's operator of the same name: a retriable failure ({@link RetriableException}, or a
 * client error marked retriable) is retried for {@code errors.retry.timeout} ms, waiting 300 ms, then twice as long
 * each time up to {@code errors.retry.delay.max.ms}; a failure that remains is either fatal
 * ({@code errors.tolerance=none}: a {@link ConnectException} "Tolerance exceeded in error handler" that fails the
 * task) or tolerated ({@code all}: reported to the log and, for sinks, the dead letter queue, and the record is
 * skipped). One per task, task thread only, except {@link #stop}.
 */
final class RetryWithToleranceOperator implements AutoCloseable {
    static final long RETRIES_DELAY_MIN_MS = 300;

    private final ErrorHandlingConfig config;
    private final Time time;
    private final LogReporter logReporter;
    private final DeadLetterQueueReporter deadLetterQueue;
    private final Object sleepLock = new Object();
    private volatile boolean stopping;

    RetryWithToleranceOperator(String taskId, ErrorHandlingConfig config, Time time,
                               DeadLetterQueueReporter deadLetterQueue) {
        this.config = config;
        this.time = time;
        this.logReporter = new LogReporter(taskId, config);
        this.deadLetterQueue = deadLetterQueue;
    }

    /** No tolerance, no retries, no dead letter queue: every failure fails the task (the defaults). */
    static RetryWithToleranceOperator failFast(String taskId) {
        return new RetryWithToleranceOperator(taskId, ErrorHandlingConfig.DEFAULT, Time.SYSTEM, null);
    }

    ErrorHandlingConfig config() {
        return config;
    }

    /** Creates the dead letter queue topic if one is configured and missing. */
    void setup() {
        if (deadLetterQueue != null) {
            deadLetterQueue.setup();
        }
    }

    /**
     * Runs {@code operation} as {@code stage} of the record in {@code context}, retrying retriable failures.
     *
     * @return the operation's result, or null when it failed and the failure was tolerated ({@code context.failed()}
     *         is then true)
     * @throws ConnectException when the failure is not tolerated
     */
    <V> V execute(ProcessingContext context, Stage stage, Class<?> executingClass, Callable<V> operation) {
        context.position(stage, executingClass);
        long start = time.milliseconds();
        long delay = RETRIES_DELAY_MIN_MS;
        while (true) {
            try {
                return operation.call();
            } catch (Exception e) {
                long remaining = config.retryTimeoutMs() < 0 ? Long.MAX_VALUE
                    : start + config.retryTimeoutMs() - time.milliseconds();
                if (!isRetriable(e) || remaining <= 0 || stopping) {
                    failed(context, e);
                    return null;
                }
                long wait = Math.min(Math.min(delay, config.retryDelayMaxMs()), remaining);
                if (!sleep(wait)) {
                    failed(context, e);
                    return null;
                }
                delay = Math.min(delay * 2, config.retryDelayMaxMs());
            }
        }
    }

    /**
     * A failure that already happened (a record a sink task could not write): reported if tolerated.
     *
     * @return completes once the report is durable (the dead letter queue acknowledged the record)
     * @throws ConnectException when the failure is not tolerated
     */
    CompletableFuture<Void> executeFailed(ProcessingContext context, Stage stage, Class<?> executingClass,
                                          Throwable error) {
        context.position(stage, executingClass);
        return failed(context, error);
    }

    private CompletableFuture<Void> failed(ProcessingContext context, Throwable error) {
        context.failed(error);
        List<CompletableFuture<?>> reports = new ArrayList<>();
        reports.add(logReporter.report(context));
        if (!config.toleranceAll()) {
            throw new ConnectException("Tolerance exceeded in error handler: stage " + context.stage() + " ("
                + context.executingClass().getName() + ") failed for the record at " + context.describeRecord(false)
                + ": " + error, error);
        }
        if (deadLetterQueue != null) {
            reports.add(deadLetterQueue.report(context));
        }
        return CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new));
    }

    static boolean isRetriable(Throwable e) {
        return e instanceof RetriableException || e instanceof TributaryException te && te.isRetriable();
    }

    /** Waits for {@code ms} unless stopped first; false when stopped. */
    private boolean sleep(long ms) {
        long deadline = System.nanoTime() + ms * 1_000_000;
        synchronized (sleepLock) {
            long left;
            while (!stopping && (left = deadline - System.nanoTime()) > 0) {
                try {
                    sleepLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !stopping;
    }

    /** Before committing offsets: every record sent to the dead letter queue so far must be acknowledged. */
    void awaitReported() {
        if (deadLetterQueue != null) {
            deadLetterQueue.awaitAcknowledged();
        }
    }

    /** Ends a retry wait at once (called from the thread stopping the task). */
    void stop() {
        stopping = true;
        synchronized (sleepLock) {
            sleepLock.notifyAll();
        }
    }

    @Override
    public void close() {
        if (deadLetterQueue != null) {
            deadLetterQueue.close();
        }
    }
}
