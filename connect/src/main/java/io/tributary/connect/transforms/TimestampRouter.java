package io.tributary.connect.transforms;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.DataException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renames the topic after the record's timestamp, for time-partitioned tables or indices: {@code topic.format}
 * (default {@code ${topic}-${timestamp}}) with {@code ${topic}} and {@code ${timestamp}} replaced, the timestamp
 * written in UTC with {@code timestamp.format} (a {@link SimpleDateFormat} pattern, default {@code yyyyMMdd}).
 * A record without a timestamp fails.
 */
public final class TimestampRouter<R extends ConnectRecord> implements Transformation<R> {
    private String topicFormat;
    private SimpleDateFormat timestampFormat;

    @Override
    public void configure(Map<String, String> settings) {
        TransformConfig c = new TransformConfig(settings);
        topicFormat = c.get("topic.format", "${topic}-${timestamp}");
        String pattern = c.get("timestamp.format", "yyyyMMdd");
        try {
            // One instance per task thread, so SimpleDateFormat's lack of thread-safety does not matter.
            timestampFormat = new SimpleDateFormat(pattern);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("timestamp.format", pattern, "a SimpleDateFormat pattern (" + e.getMessage()
                + ")");
        }
        timestampFormat.setTimeZone(TimeZone.getTimeZone("UTC"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public R apply(R r) {
        if (r.timestamp() == null) {
            throw new DataException("TimestampRouter: record timestamp : null (expected: a timestamp; topic "
                + r.topic() + ")");
        }
        String topic = topicFormat.replace("${topic}", r.topic())
            .replace("${timestamp}", timestampFormat.format(new Date(r.timestamp())));
        return (R) r.newRecord(topic, r.kafkaPartition(), r.keySchema(), r.key(), r.valueSchema(), r.value(),
            r.timestamp());
    }
}
