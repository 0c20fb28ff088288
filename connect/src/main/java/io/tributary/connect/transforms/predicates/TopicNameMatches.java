package io.tributary.connect.transforms.predicates;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** True for records whose topic matches {@code pattern} as a whole (a Java regular expression). */
public final class TopicNameMatches<R extends ConnectRecord> implements Predicate<R> {
    public static final String PATTERN_CONFIG = "pattern";

    private Pattern pattern;

    @Override
    public void configure(Map<String, String> settings) {
        String regex = settings.get(PATTERN_CONFIG);
        if (regex == null || regex.isBlank()) {
            throw new ConfigException(PATTERN_CONFIG, regex, "a regular expression the whole topic name must match");
        }
        try {
            pattern = Pattern.compile(regex.trim());
        } catch (PatternSyntaxException e) {
            throw new ConfigException(PATTERN_CONFIG, regex, "a valid regular expression (" + e.getDescription()
                + ")");
        }
    }

    @Override
    public boolean test(R record) {
        return record.topic() != null && pattern.matcher(record.topic()).matches();
    }

    @Override
    public String toString() {
        return "TopicNameMatches{pattern=" + pattern + "}";
    }
}
