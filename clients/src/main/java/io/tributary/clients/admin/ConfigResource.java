package io.tributary.clients.admin;

import java.util.Objects;

/**
 * Something with settings: a topic (by name) or a broker (by id, as text; "" for the cluster-wide defaults).
 *
 * @param type the kind of resource
 * @param name its name
 */
public record ConfigResource(Type type, String name) {
    /** Resource types and their codes on the wire. */
    public enum Type {
        TOPIC(2), BROKER(4), BROKER_LOGGER(8), GROUP(32);

        private final byte code;

        Type(int code) {
            this.code = (byte) code;
        }

        /** The code on the wire. */
        public byte code() {
            return code;
        }

        /** The type with {@code code}, or null. */
        public static Type forCode(byte code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    /** The topic {@code name}. */
    public static ConfigResource topic(String name) {
        return new ConfigResource(Type.TOPIC, name);
    }

    /** The broker with id {@code brokerId}. */
    public static ConfigResource broker(int brokerId) {
        return new ConfigResource(Type.BROKER, Integer.toString(brokerId));
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}
