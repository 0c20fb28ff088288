package io.tributary.connect.sink;

import java.util.concurrent.Future;

/**
 * Lets a sink task hand back one record it cannot write (a row the database refuses) instead of failing the whole
 * task (Kafka Connect's KIP-610). What happens follows the connector's {@code errors.*} settings:
 * {@code errors.tolerance=all} logs it (with {@code errors.log.enable}) and sends it, as read from its topic, to the
 * dead letter queue ({@code errors.deadletterqueue.topic.name}), and the task goes on with the next record;
 * {@code errors.tolerance=none} (the default) throws a {@link io.tributary.connect.errors.ConnectException} that the
 * task lets propagate, failing it.
 *
 * <pre>{@code
 * for (SinkRecord r : records) {
 *     try {
 *         write(r);
 *     } catch (BadRowException e) {
 *         context.errantRecordReporter().report(r, e);
 *     }
 * }
 * }</pre>
 *
 * Offsets are committed only after every reported record reached the dead letter queue. Use from the task's
 * thread, within {@code put}.
 */
public interface ErrantRecordReporter {
    /**
     * Reports a record that failed, with why.
     *
     * @return completes when the report is durable (the dead letter queue acknowledged it); waiting is optional
     * @throws io.tributary.connect.errors.ConnectException when the connector does not tolerate errors
     */
    Future<Void> report(SinkRecord record, Throwable error);
}
