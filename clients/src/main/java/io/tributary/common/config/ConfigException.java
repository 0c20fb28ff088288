package io.tributary.common.config;

import io.tributary.common.Errors;
import io.tributary.common.TributaryException;

/** A configuration value is missing or not valid; the message names the key, the value and what was expected. */
public class ConfigException extends TributaryException {
    public ConfigException(String message) {
        super(Errors.INVALID_CONFIG, message);
    }

    public ConfigException(String name, Object value, String expected) {
        super(Errors.INVALID_CONFIG, name + " : " + value + " (expected: " + expected + ")");
    }
}
