package io.tributary.clients.admin;

/**
 * One setting of a {@link ConfigResource}.
 *
 * @param name      the key
 * @param value     the value, or null for a sensitive setting
 * @param source    where the value comes from
 * @param readOnly  whether it can be changed with {@link Admin#incrementalAlterConfigs}
 * @param sensitive whether the value is hidden (passwords)
 */
public record ConfigEntry(String name, String value, Source source, boolean readOnly, boolean sensitive) {
    /** Where a value comes from, with Kafka's codes. */
    public enum Source {
        UNKNOWN, TOPIC_CONFIG, DYNAMIC_BROKER_CONFIG, DYNAMIC_DEFAULT_BROKER_CONFIG, STATIC_BROKER_CONFIG,
        DEFAULT_CONFIG, DYNAMIC_BROKER_LOGGER_CONFIG, CLIENT_METRICS_CONFIG, GROUP_CONFIG;

        /** The source with wire code {@code code} (the ordinal), UNKNOWN for codes this client does not know. */
        public static Source forCode(byte code) {
            Source[] all = values();
            return code >= 0 && code < all.length ? all[code] : UNKNOWN;
        }
    }

    /** Whether the value is the built-in default (no override anywhere). */
    public boolean isDefault() {
        return source == Source.DEFAULT_CONFIG;
    }
}
