package io.tributary.cli;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The admin client of one run of an admin tool ({@code topics}, {@code configs}, {@code consumer-groups},
 * {@code delete-records}): checked to be reachable first ({@link BrokerProbe}), configured from
 * {@code --command-config} as Kafka's tools are, and waited on with failures unwrapped to the
 * {@link TributaryException} that names the Kafka error.
 */
final class AdminConnection implements AutoCloseable {
    /** How long one admin operation may take before the tool gives up (a reachable broker answers in ms). */
    static final String DEFAULT_API_TIMEOUT_MS = "15000";

    private final Admin admin;

    private AdminConnection(Admin admin) {
        this.admin = admin;
    }

    /** Declares the flags every admin tool shares. */
    static FlagSpec commonFlags(FlagSpec spec) {
        return spec
            .required("--bootstrap-server", "host:port", "The broker(s) to connect to, comma-separated.")
            .value("--command-config", "file", "A properties file of admin client settings (Kafka's names).");
    }

    /** Probes the broker, then opens an admin client for it. */
    static AdminConnection open(ParsedFlags flags) {
        String bootstrap = flags.get("--bootstrap-server");
        Map<String, Object> props = new LinkedHashMap<>(flags.propertiesFile("--command-config"));
        props.put("bootstrap.servers", bootstrap);
        props.putIfAbsent("default.api.timeout.ms", DEFAULT_API_TIMEOUT_MS);
        BrokerProbe.requireReachable(bootstrap);
        return new AdminConnection(TributaryAdmin.create(props));
    }

    /** The client. */
    Admin admin() {
        return admin;
    }

    /**
     * Waits for {@code future}.
     *
     * @throws TributaryException the failure, unwrapped (its {@link TributaryException#error()} says which)
     */
    static <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof TributaryException te) {
                throw te;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new TributaryException(Errors.UNKNOWN_SERVER_ERROR, String.valueOf(cause), cause);
        }
    }

    /** The Kafka error of {@code e}, or null if it is not a {@link TributaryException}. */
    static Errors errorOf(Throwable e) {
        return e instanceof TributaryException te ? te.error() : null;
    }

    @Override
    public void close() {
        admin.close();
    }
}
