package io.tributary.connect.runtime;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failed records: with {@code errors.log.enable=true} one ERROR line each (stage, class, record coordinates,
 * its key and value with {@code errors.log.include.messages=true}) and the exception; otherwise only the first
 * tolerated failure of the task is mentioned, once, at WARN, so skipping is never entirely silent.
 */
final class LogReporter implements ErrorReporter {
    private static final Logger log = LoggerFactory.getLogger(LogReporter.class);

    private final String taskId;
    private final ErrorHandlingConfig config;
    private boolean mentioned;

    LogReporter(String taskId, ErrorHandlingConfig config) {
        this.taskId = taskId;
        this.config = config;
    }

    @Override
    public CompletableFuture<?> report(ProcessingContext context) {
        if (config.logEnable()) {
            log.error("Error encountered in task {}. Executing stage '{}' with class '{}', where the record is {}.",
                taskId, context.stage(), context.executingClass().getName(),
                context.describeRecord(config.logIncludeMessages()), context.error());
        } else if (!mentioned && config.toleranceAll()) {
            mentioned = true;
            log.warn("task {} skips a record that failed in stage {} ({}): {}; errors.tolerance=all, so this and "
                    + "later failures are skipped{} (errors.log.enable=true logs each one)", taskId, context.stage(),
                context.executingClass().getName(), context.error().toString(),
                config.hasDeadLetterQueue() ? " and sent to " + config.dlqTopic() : "");
        } else {
            log.debug("task {}: stage {} failed for the record at {}", taskId, context.stage(),
                context.describeRecord(false), context.error());
        }
        return CompletableFuture.completedFuture(null);
    }
}
