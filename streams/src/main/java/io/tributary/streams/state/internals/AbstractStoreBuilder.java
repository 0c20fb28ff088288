package io.tributary.streams.state.internals;

import io.tributary.streams.state.StateStore;
import io.tributary.streams.state.StoreBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Logging settings shared by the store builders. */
abstract class AbstractStoreBuilder<T extends StateStore> implements StoreBuilder<T> {
    private final String name;
    private boolean logging = true;
    private Map<String, String> userLogConfig = Map.of();

    AbstractStoreBuilder(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        this.userLogConfig = Map.copyOf(Objects.requireNonNull(config, "config"));
        this.logging = true;
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        this.logging = false;
        this.userLogConfig = Map.of();
        return this;
    }

    @Override
    public boolean loggingEnabled() {
        return logging;
    }

    @Override
    public Map<String, String> logConfig() {
        Map<String, String> out = new HashMap<>(defaultLogConfig());
        out.putAll(userLogConfig);
        return out;
    }

    /** The changelog configs of this kind of store. */
    abstract Map<String, String> defaultLogConfig();
}
