package io.tributary.connect.runtime;

import io.tributary.common.config.ParsedConfig;
import java.util.Map;

/**
 * A connector's {@code errors.*} settings, read once per task (see {@link ConnectorConfig} for each key).
 *
 * @param toleranceAll            {@code errors.tolerance=all}: failed records are skipped, not fatal
 * @param retryTimeoutMs          {@code errors.retry.timeout}: 0 no retries, -1 no limit
 * @param retryDelayMaxMs         {@code errors.retry.delay.max.ms}
 * @param logEnable               {@code errors.log.enable}
 * @param logIncludeMessages      {@code errors.log.include.messages}
 * @param dlqTopic                {@code errors.deadletterqueue.topic.name}; empty for none (and always for sources)
 * @param dlqReplicationFactor    {@code errors.deadletterqueue.topic.replication.factor}
 * @param dlqContextHeadersEnable {@code errors.deadletterqueue.context.headers.enable}
 */
record ErrorHandlingConfig(boolean toleranceAll, long retryTimeoutMs, long retryDelayMaxMs, boolean logEnable,
                           boolean logIncludeMessages, String dlqTopic, short dlqReplicationFactor,
                           boolean dlqContextHeadersEnable) {
    /** Kafka's defaults: no tolerance, no retries, no log, no dead letter queue. */
    static final ErrorHandlingConfig DEFAULT = new ErrorHandlingConfig(false, 0, 60_000, false, false, "", (short) 3,
        false);

    /** Reads an already validated connector configuration. */
    static ErrorHandlingConfig from(Map<String, String> props, boolean sink) {
        ParsedConfig c = ConnectorConfig.DEFINITION.parse(props);
        String dlq = "";
        short rf = 3;
        boolean headers = false;
        if (sink) {
            ParsedConfig s = ConnectorConfig.SINK_DEFINITION.parse(props);
            dlq = s.getString(ConnectorConfig.DLQ_TOPIC_NAME_CONFIG).trim();
            rf = (short) s.getInt(ConnectorConfig.DLQ_TOPIC_REPLICATION_FACTOR_CONFIG);
            headers = s.getBoolean(ConnectorConfig.DLQ_CONTEXT_HEADERS_ENABLE_CONFIG);
        }
        return new ErrorHandlingConfig("all".equalsIgnoreCase(c.getString(ConnectorConfig.ERRORS_TOLERANCE_CONFIG)),
            c.getLong(ConnectorConfig.ERRORS_RETRY_TIMEOUT_CONFIG), c.getLong(ConnectorConfig.ERRORS_RETRY_MAX_DELAY_CONFIG),
            c.getBoolean(ConnectorConfig.ERRORS_LOG_ENABLE_CONFIG),
            c.getBoolean(ConnectorConfig.ERRORS_LOG_INCLUDE_MESSAGES_CONFIG), dlq, rf, headers);
    }

    boolean hasDeadLetterQueue() {
        return !dlqTopic.isEmpty();
    }
}
