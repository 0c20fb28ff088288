package io.tributary.broker.handlers;

import java.util.Collection;

/** Config values as Kafka prints them: lists comma-separated, everything else with toString. */
final class ConfigText {
    private ConfigText() {
    }

    static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> c) {
            return String.join(",", c.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
