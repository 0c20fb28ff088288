package io.tributary.connect.transforms;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Renames the topic when the whole topic name matches {@code regex}: the new name is {@code replacement}, where
 * {@code $1}... refer to the regex's groups. Other records pass unchanged. Both settings are required.
 */
public final class RegexRouter<R extends ConnectRecord> implements Transformation<R> {
    private Pattern regex;
    private String replacement;

    @Override
    public void configure(Map<String, String> settings) {
        TransformConfig c = new TransformConfig(settings);
        String r = c.required("regex", "a Java regular expression matching whole topic names");
        try {
            regex = Pattern.compile(r);
        } catch (PatternSyntaxException e) {
            throw new ConfigException("regex", r, "a Java regular expression (" + e.getDescription() + ")");
        }
        // An empty replacement is not a topic name, so required() refusing blanks is right.
        replacement = c.required("replacement", "the new topic name, with $1... for the regex's groups");
    }

    @Override
    @SuppressWarnings("unchecked")
    public R apply(R r) {
        Matcher m = regex.matcher(r.topic());
        if (!m.matches()) {
            return r;
        }
        String topic = m.replaceFirst(replacement);
        return (R) r.newRecord(topic, r.kafkaPartition(), r.keySchema(), r.key(), r.valueSchema(), r.value(),
            r.timestamp());
    }
}
