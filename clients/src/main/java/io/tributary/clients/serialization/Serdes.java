package io.tributary.clients.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The built-in serdes: String (UTF-8), byte arrays, Integer and Long (4 and 8 bytes big-endian, as Kafka writes
 * them), UUID (its string form, as Kafka's UUIDSerializer) and JSON through Jackson. Null always maps to null.
 */
public final class Serdes {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Serdes() {
    }

    public static Serde<String> string() {
        return Serde.of(STRING_SERIALIZER, STRING_DESERIALIZER);
    }

    public static Serde<byte[]> byteArray() {
        return Serde.of((t, d) -> d, (t, d) -> d);
    }

    public static Serde<Integer> integer() {
        return Serde.of(INTEGER_SERIALIZER, INTEGER_DESERIALIZER);
    }

    public static Serde<Long> longs() {
        return Serde.of(LONG_SERIALIZER, LONG_DESERIALIZER);
    }

    public static Serde<UUID> uuid() {
        return Serde.of((t, d) -> d == null ? null : d.toString().getBytes(StandardCharsets.UTF_8),
            (t, d) -> {
                if (d == null) {
                    return null;
                }
                try {
                    return UUID.fromString(new String(d, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new SerializationException("not a UUID in a record of " + t + ": " + e.getMessage(), e);
                }
            });
    }

    /** JSON with a default Jackson mapper, read back as {@code type}. */
    public static <T> Serde<T> json(Class<T> type) {
        return json(type, MAPPER);
    }

    /** JSON with {@code mapper}, read back as {@code type}. */
    public static <T> Serde<T> json(Class<T> type, ObjectMapper mapper) {
        return Serde.of((t, d) -> {
            if (d == null) {
                return null;
            }
            try {
                return mapper.writeValueAsBytes(d);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + d.getClass().getName() + " as JSON for topic " + t
                    + ": " + e.getMessage(), e);
            }
        }, (t, d) -> {
            if (d == null) {
                return null;
            }
            try {
                return mapper.readValue(d, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read JSON of a record of " + t + " as " + type.getName()
                    + ": " + e.getMessage(), e);
            }
        });
    }

    /** The serde for one of the built-in types (String, byte[], Integer, Long, UUID). */
    @SuppressWarnings("unchecked")
    public static <T> Serde<T> forClass(Class<T> type) {
        if (type == String.class) {
            return (Serde<T>) string();
        } else if (type == byte[].class) {
            return (Serde<T>) byteArray();
        } else if (type == Integer.class) {
            return (Serde<T>) integer();
        } else if (type == Long.class) {
            return (Serde<T>) longs();
        } else if (type == UUID.class) {
            return (Serde<T>) uuid();
        }
        throw new IllegalArgumentException("no built-in serde for " + type.getName() + " (use Serdes.json)");
    }

    /**
     * The serializer a {@code key.serializer}/{@code value.serializer} setting names: a class implementing
     * {@link Serializer}, or one of Kafka's built-in serializer class names (String, ByteArray, Integer, Long,
     * UUID), so existing configuration files keep working.
     */
    @SuppressWarnings("unchecked")
    public static <T> Serializer<T> serializerFromConfig(String className, String setting) {
        if (className == null) {
            throw new io.tributary.common.config.ConfigException("missing " + setting
                + ": pass a Serializer or name its class");
        }
        Serde<?> builtIn = builtInForKafkaName(className, "Serializer");
        if (builtIn != null) {
            return (Serializer<T>) builtIn.serializer();
        }
        return (Serializer<T>) instantiate(className, Serializer.class, setting);
    }

    /** The deserializer a {@code key.deserializer}/{@code value.deserializer} setting names (see above). */
    @SuppressWarnings("unchecked")
    public static <T> Deserializer<T> deserializerFromConfig(String className, String setting) {
        if (className == null) {
            throw new io.tributary.common.config.ConfigException("missing " + setting
                + ": pass a Deserializer or name its class");
        }
        Serde<?> builtIn = builtInForKafkaName(className, "Deserializer");
        if (builtIn != null) {
            return (Deserializer<T>) builtIn.deserializer();
        }
        return (Deserializer<T>) instantiate(className, Deserializer.class, setting);
    }

    private static Serde<?> builtInForKafkaName(String className, String suffix) {
        String prefix = "org.apache.kafka.common.serialization.";
        if (!className.startsWith(prefix) || !className.endsWith(suffix)) {
            return null;
        }
        return switch (className.substring(prefix.length(), className.length() - suffix.length())) {
            case "String" -> string();
            case "ByteArray" -> byteArray();
            case "Integer" -> integer();
            case "Long" -> longs();
            case "UUID" -> uuid();
            default -> null;
        };
    }

    private static Object instantiate(String className, Class<?> type, String setting) {
        try {
            Object o = Class.forName(className).getDeclaredConstructor().newInstance();
            if (!type.isInstance(o)) {
                throw new io.tributary.common.config.ConfigException(setting + " " + className
                    + " does not implement " + type.getName());
            }
            return o;
        } catch (ReflectiveOperationException e) {
            throw new io.tributary.common.config.ConfigException("cannot create " + setting + " " + className
                + ": " + e);
        }
    }

    public static final Serializer<String> STRING_SERIALIZER =
        (t, d) -> d == null ? null : d.getBytes(StandardCharsets.UTF_8);
    public static final Deserializer<String> STRING_DESERIALIZER =
        (t, d) -> d == null ? null : new String(d, StandardCharsets.UTF_8);
    public static final Serializer<Integer> INTEGER_SERIALIZER =
        (t, d) -> d == null ? null : ByteBuffer.allocate(4).putInt(d).array();
    public static final Deserializer<Integer> INTEGER_DESERIALIZER = (t, d) -> {
        if (d == null) {
            return null;
        }
        if (d.length != 4) {
            throw new SerializationException("an Integer needs 4 bytes, a record of " + t + " has " + d.length);
        }
        return ByteBuffer.wrap(d).getInt();
    };
    public static final Serializer<Long> LONG_SERIALIZER =
        (t, d) -> d == null ? null : ByteBuffer.allocate(8).putLong(d).array();
    public static final Deserializer<Long> LONG_DESERIALIZER = (t, d) -> {
        if (d == null) {
            return null;
        }
        if (d.length != 8) {
            throw new SerializationException("a Long needs 8 bytes, a record of " + t + " has " + d.length);
        }
        return ByteBuffer.wrap(d).getLong();
    };
}
