package io.tributary.clients.admin;

import static io.tributary.common.config.ConfigDef.Type.INT;

import io.tributary.clients.internals.CommonConfigs;
import io.tributary.common.config.ConfigDef;

/** The admin client's configuration keys: Kafka's names and defaults. */
public final class AdminConfig {
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonConfigs.BOOTSTRAP_SERVERS;
    public static final String CLIENT_ID_CONFIG = CommonConfigs.CLIENT_ID;
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonConfigs.REQUEST_TIMEOUT_MS;
    public static final String RETRY_BACKOFF_MS_CONFIG = CommonConfigs.RETRY_BACKOFF_MS;
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = CommonConfigs.RETRY_BACKOFF_MAX_MS;
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = "default.api.timeout.ms";

    /** Every key the admin client knows. */
    public static final ConfigDef DEFINITION = CommonConfigs.define(new ConfigDef(), 30000, 65536)
        .define(DEFAULT_API_TIMEOUT_MS_CONFIG, INT, 60000, ConfigDef.Range.atLeast(0),
            "how long an operation may take in all, retries included");

    private AdminConfig() {
    }
}
