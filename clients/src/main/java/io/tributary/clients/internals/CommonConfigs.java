package io.tributary.clients.internals;

import static io.tributary.common.config.ConfigDef.Type.INT;
import static io.tributary.common.config.ConfigDef.Type.LIST;
import static io.tributary.common.config.ConfigDef.Type.LONG;
import static io.tributary.common.config.ConfigDef.Type.STRING;

import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ParsedConfig;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/** The settings every client shares, with Kafka's names and defaults. */
public final class CommonConfigs {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String CLIENT_ID = "client.id";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String RECONNECT_BACKOFF_MS = "reconnect.backoff.ms";
    public static final String RECONNECT_BACKOFF_MAX_MS = "reconnect.backoff.max.ms";
    public static final String METADATA_MAX_AGE_MS = "metadata.max.age.ms";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS = "socket.connection.setup.timeout.ms";
    public static final String SEND_BUFFER_BYTES = "send.buffer.bytes";
    public static final String RECEIVE_BUFFER_BYTES = "receive.buffer.bytes";

    private static final AtomicInteger CLIENT_SEQ = new AtomicInteger(1);

    private CommonConfigs() {
    }

    /** Adds the shared keys to {@code def}; {@code requestTimeoutMs} differs between clients as in Kafka. */
    public static ConfigDef define(ConfigDef def, int requestTimeoutMs, int receiveBufferBytes) {
        return def
            .define(BOOTSTRAP_SERVERS, LIST, ConfigDef.NO_DEFAULT, "host:port pairs to reach the cluster first")
            .define(CLIENT_ID, STRING, "", "id sent with every request, shown in broker logs")
            .define(REQUEST_TIMEOUT_MS, INT, requestTimeoutMs, ConfigDef.Range.atLeast(0),
                "how long to wait for a response before retrying or failing")
            .define(RETRY_BACKOFF_MS, LONG, 100L, ConfigDef.Range.atLeast(0), "wait before retrying a failed request")
            .define(RETRY_BACKOFF_MAX_MS, LONG, 1000L, ConfigDef.Range.atLeast(0), "longest retry back-off")
            .define(RECONNECT_BACKOFF_MS, LONG, 50L, ConfigDef.Range.atLeast(0), "wait before reconnecting")
            .define(RECONNECT_BACKOFF_MAX_MS, LONG, 1000L, ConfigDef.Range.atLeast(0), "longest reconnect back-off")
            .define(METADATA_MAX_AGE_MS, LONG, 300000L, ConfigDef.Range.atLeast(0), "refresh metadata this often")
            .define(SOCKET_CONNECTION_SETUP_TIMEOUT_MS, INT, 10000, ConfigDef.Range.atLeast(0),
                "how long a connection attempt may take")
            .define(SEND_BUFFER_BYTES, INT, 131072, "SO_SNDBUF; -1 for the OS default")
            .define(RECEIVE_BUFFER_BYTES, INT, receiveBufferBytes, "SO_RCVBUF; -1 for the OS default");
    }

    /** The client id, or {@code prefix-N} when none was configured. */
    public static String clientId(ParsedConfig c, String prefix) {
        String id = c.getString(CLIENT_ID);
        return id == null || id.isEmpty() ? prefix + "-" + CLIENT_SEQ.getAndIncrement() : id;
    }

    /** Network settings from the shared keys. */
    public static NetworkClient.Settings network(ParsedConfig c, String clientId) {
        return new NetworkClient.Settings(clientId, c.getInt(REQUEST_TIMEOUT_MS), c.getLong(RECONNECT_BACKOFF_MS),
            c.getLong(RECONNECT_BACKOFF_MAX_MS), c.getInt(SOCKET_CONNECTION_SETUP_TIMEOUT_MS),
            c.getInt(SEND_BUFFER_BYTES), c.getInt(RECEIVE_BUFFER_BYTES));
    }

    /** Logs keys the client does not know, once, as Kafka's clients do. */
    public static void warnUnknown(ParsedConfig c, Logger log) {
        if (!c.unknown().isEmpty()) {
            log.warn("These configurations were supplied but are not known and are ignored: {}", c.unknown().keySet());
        }
    }
}
