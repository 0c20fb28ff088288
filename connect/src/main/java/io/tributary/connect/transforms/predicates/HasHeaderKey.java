package io.tributary.connect.transforms.predicates;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import java.util.Map;

/** True for records with at least one header whose key is {@code name}. */
public final class HasHeaderKey<R extends ConnectRecord> implements Predicate<R> {
    public static final String NAME_CONFIG = "name";

    private String name;

    @Override
    public void configure(Map<String, String> settings) {
        String n = settings.get(NAME_CONFIG);
        if (n == null || n.isEmpty()) {
            throw new ConfigException(NAME_CONFIG, n, "the header key to look for");
        }
        name = n;
    }

    @Override
    public boolean test(R record) {
        return record.lastHeader(name) != null;
    }

    @Override
    public String toString() {
        return "HasHeaderKey{name=" + name + "}";
    }
}
