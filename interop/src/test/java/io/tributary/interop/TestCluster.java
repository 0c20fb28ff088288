package io.tributary.interop;

import java.util.HashMap;
import java.util.Map;

/**
 * A running broker that client tests talk to: broker-lite or a real Apache Kafka node. Obtain one from
 * {@link Clusters}; instances are shared by every test in the JVM, so tests use their own topic and group names
 * ({@link Clusters#uniqueName}) and never close a shared cluster.
 */
public interface TestCluster {

    /** A short label for test names: {@code broker-lite} or {@code kafka}. */
    String name();

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:41234}. */
    String bootstrapServers();

    /** A new mutable client configuration holding only {@code bootstrap.servers}; add the test's own settings. */
    default Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        return config;
    }

    /**
     * Stops the broker and deletes its data. Done by {@link Clusters} at JVM exit; tests do not call it. (Not
     * {@link AutoCloseable} on purpose: JUnit closes AutoCloseable arguments of a parameterized test after each
     * invocation, which would stop the shared cluster under every later test.)
     */
    void close();
}
