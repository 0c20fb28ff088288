package io.tributary.streams.state;

import java.util.Map;

/**
 * Describes a state store so the runtime can create one per task: its name, whether its writes are logged to a
 * changelog topic ({@code <application.id>-<name>-changelog}) and the extra configs of that topic. Get one from
 * {@link Stores}.
 *
 * @param <T> the store type
 */
public interface StoreBuilder<T extends StateStore> {
    /** The name of the stores this builds. */
    String name();

    /** Logs every write to the changelog topic, created with {@code config} added to its defaults (the default). */
    StoreBuilder<T> withLoggingEnabled(Map<String, String> config);

    /** No changelog: the store starts empty on every task start. */
    StoreBuilder<T> withLoggingDisabled();

    /** Whether writes go to a changelog topic. */
    boolean loggingEnabled();

    /** The changelog topic's configs: the store kind's defaults with the user's additions. */
    Map<String, String> logConfig();

    /** A new store; the runtime initialises it for its task. */
    T build();
}
