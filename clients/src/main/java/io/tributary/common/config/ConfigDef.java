package io.tributary.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration declared once: each key's name, type, default, validator and documentation together, as Kafka
 * declares its configs. {@link #parse(Map)} turns string or typed values into typed ones and refuses bad values
 * with a {@link ConfigException} that names the key. Immutable after construction; thread-safe to share.
 *
 * <pre>{@code
 * static final ConfigDef DEF = new ConfigDef()
 *     .define("segment.bytes", Type.INT, 1 << 30, Range.atLeast(14), "Largest size of one segment file.");
 * ParsedConfig c = DEF.parse(props);
 * int segmentBytes = c.getInt("segment.bytes");
 * }</pre>
 */
public final class ConfigDef {
    /** The value types a key can have. */
    public enum Type { BOOLEAN, INT, LONG, DOUBLE, STRING, LIST }

    /** Checks one parsed value. */
    @FunctionalInterface
    public interface Validator {
        /** Throws {@link ConfigException} naming {@code name} when {@code value} is not acceptable. */
        void ensureValid(String name, Object value);
    }

    /** Marks a key without a default: it must be given. */
    public static final Object NO_DEFAULT = new Object() {
        @Override
        public String toString() {
            return "<required>";
        }
    };

    /** One declared key. */
    public record Key(String name, Type type, Object defaultValue, Validator validator, String doc) {
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();

    /** Declares {@code name}; the default is given in the key's type (or as a string) or {@link #NO_DEFAULT}. */
    public ConfigDef define(String name, Type type, Object defaultValue, Validator validator, String doc) {
        if (keys.containsKey(name)) {
            throw new IllegalArgumentException("config " + name + " is defined twice");
        }
        Object parsedDefault = defaultValue == NO_DEFAULT || defaultValue == null ? defaultValue
            : parseValue(name, type, defaultValue);
        if (parsedDefault != NO_DEFAULT && parsedDefault != null && validator != null) {
            validator.ensureValid(name, parsedDefault);
        }
        keys.put(name, new Key(name, type, parsedDefault, validator, doc));
        return this;
    }

    /** Declares {@code name} with no validator. */
    public ConfigDef define(String name, Type type, Object defaultValue, String doc) {
        return define(name, type, defaultValue, null, doc);
    }

    public Map<String, Key> keys() {
        return Collections.unmodifiableMap(keys);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /**
     * Parses {@code props}: every declared key gets its value or default; keys this definition does not know are
     * kept in {@link ParsedConfig#unknown()} for the caller to log.
     *
     * @throws ConfigException for a value that does not parse or validate, or a required key that is missing
     */
    public ParsedConfig parse(Map<?, ?> props) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Key key : keys.values()) {
            Object raw = props.get(key.name());
            Object value;
            if (raw == null) {
                if (key.defaultValue() == NO_DEFAULT) {
                    throw new ConfigException("missing required configuration " + key.name() + ": " + key.doc());
                }
                value = key.defaultValue();
            } else {
                value = parseValue(key.name(), key.type(), raw);
            }
            if (value != null && key.validator() != null) {
                key.validator().ensureValid(key.name(), value);
            }
            values.put(key.name(), value);
        }
        Map<String, Object> unknown = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : props.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!keys.containsKey(name)) {
                unknown.put(name, e.getValue());
            }
        }
        return new ParsedConfig(values, unknown);
    }

    static Object parseValue(String name, Type type, Object raw) {
        String text = raw instanceof String s ? s.trim() : null;
        try {
            return switch (type) {
                case BOOLEAN -> {
                    if (raw instanceof Boolean b) {
                        yield b;
                    }
                    if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
                        yield Boolean.parseBoolean(text);
                    }
                    throw new ConfigException(name, raw, "true or false");
                }
                case INT -> raw instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(text);
                case LONG -> raw instanceof Number n ? n.longValue() : Long.parseLong(text);
                case DOUBLE -> raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
                case STRING -> raw instanceof String ? text : String.valueOf(raw);
                case LIST -> {
                    if (raw instanceof Collection<?> c) {
                        List<String> out = new ArrayList<>();
                        c.forEach(o -> out.add(String.valueOf(o).trim()));
                        yield List.copyOf(out);
                    }
                    String s = String.valueOf(raw).trim();
                    yield s.isEmpty() ? List.of()
                        : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
                }
            };
        } catch (NumberFormatException | ArithmeticException | NullPointerException e) {
            throw new ConfigException(name, raw, "a value of type " + type.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Numeric bounds, inclusive. */
    public static final class Range implements Validator {
        private final Number min;
        private final Number max;

        private Range(Number min, Number max) {
            this.min = min;
            this.max = max;
        }

        public static Range atLeast(Number min) {
            return new Range(min, null);
        }

        public static Range between(Number min, Number max) {
            return new Range(min, max);
        }

        @Override
        public void ensureValid(String name, Object value) {
            double v = ((Number) value).doubleValue();
            if (min != null && v < min.doubleValue()) {
                throw new ConfigException(name, value, "at least " + min);
            }
            if (max != null && v > max.doubleValue()) {
                throw new ConfigException(name, value, "at most " + max);
            }
        }
    }

    /** One of a fixed set of strings (case-insensitive); for lists, every element must be one. */
    public static final class ValidString implements Validator {
        private final List<String> allowed;

        private ValidString(List<String> allowed) {
            this.allowed = allowed;
        }

        public static ValidString in(String... allowed) {
            return new ValidString(List.of(allowed));
        }

        @Override
        public void ensureValid(String name, Object value) {
            Collection<?> values = value instanceof Collection<?> c ? c : List.of(value);
            for (Object v : values) {
                if (allowed.stream().noneMatch(a -> a.equalsIgnoreCase(Objects.toString(v)))) {
                    throw new ConfigException(name, value, "one of " + allowed);
                }
            }
        }
    }
}
