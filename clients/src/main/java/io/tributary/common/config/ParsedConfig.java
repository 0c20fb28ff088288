package io.tributary.common.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Typed configuration values produced by {@link ConfigDef#parse(Map)}, plus the keys the definition did not
 * know. Immutable.
 */
public final class ParsedConfig {
    private final Map<String, Object> values;
    private final Map<String, Object> unknown;

    ParsedConfig(Map<String, Object> values, Map<String, Object> unknown) {
        this.values = Collections.unmodifiableMap(values);
        this.unknown = Collections.unmodifiableMap(unknown);
    }

    private Object require(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("config : " + name + " (expected one of " + values.keySet() + ")");
        }
        return values.get(name);
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public int getInt(String name) {
        return (Integer) require(name);
    }

    public long getLong(String name) {
        return (Long) require(name);
    }

    public double getDouble(String name) {
        return (Double) require(name);
    }

    public String getString(String name) {
        return (String) require(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(String name) {
        return (List<String>) require(name);
    }

    /** Every declared key with its value. */
    public Map<String, Object> values() {
        return values;
    }

    /** The keys given that the definition does not declare, with their raw values. */
    public Map<String, Object> unknown() {
        return unknown;
    }
}
