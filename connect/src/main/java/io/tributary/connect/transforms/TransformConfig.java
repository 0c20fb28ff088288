package io.tributary.connect.transforms;

import io.tributary.common.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a transform's settings, with {@code name : value (expected: ...)} errors. Immutable. */
final class TransformConfig {
    private final Map<String, String> settings;

    TransformConfig(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** The trimmed value, or {@code defaultValue} when absent or blank. */
    String get(String name, String defaultValue) {
        String v = settings.get(name);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    String required(String name, String expected) {
        String v = get(name, null);
        if (v == null) {
            throw new ConfigException(name, settings.get(name), expected);
        }
        return v;
    }

    /** A comma-separated list, entries trimmed, empty entries dropped; the first present name wins. */
    List<String> list(String... names) {
        for (String name : names) {
            String v = get(name, null);
            if (v != null) {
                List<String> out = new ArrayList<>();
                for (String s : v.split(",")) {
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                }
                return out;
            }
        }
        return List.of();
    }
}
