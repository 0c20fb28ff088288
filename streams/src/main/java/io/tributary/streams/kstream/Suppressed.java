package io.tributary.streams.kstream;

import io.tributary.streams.state.Stores;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link KTable#suppress} holds back a table's updates: it keeps the latest update of each key in a buffer and
 * emits it only later, so downstream sees fewer, later updates.
 *
 * <ul>
 *   <li>{@link #untilWindowCloses}: for a windowed table (a windowed aggregation upstream), emits one final result per
 *       window once the stream time shows that the window has closed (its end plus the grace period; for session
 *       windows also the inactivity gap). Final results with a null value (deleted sessions) are not emitted.</li>
 *   <li>{@link #untilTimeLimit}: emits a key's latest update once the stream time is {@code timeToWaitForMoreEvents}
 *       past the first update buffered for it (later updates do not push the emission back).</li>
 * </ul>
 *
 * <p>The buffer is a state store ({@code <name>-store}, or a derived {@code <source topics>-suppress-<n>-store}) with
 * a compacted changelog, so a restarted task emits nothing twice and loses nothing. Its bounds come from a
 * {@link BufferConfig}: when full, an {@link EagerBufferConfig} emits the oldest keys early, a
 * {@link StrictBufferConfig} stops the application with an error (strict: final results are never emitted early).
 *
 * <pre>{@code
 * counts.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param <K> the key type of the table
 */
public final class Suppressed<K> {
    /** What a full buffer does. */
    public enum BufferFullStrategy {
        /** Emits the oldest buffered keys until the buffer fits its bounds again. */
        EMIT,
        /** Stops the stream thread with an error. */
        SHUT_DOWN
    }

    private final String name;
    private final boolean untilWindowCloses;
    private final long timeLimitMs;
    private final BufferConfig<?> bufferConfig;

    private Suppressed(String name, boolean untilWindowCloses, long timeLimitMs, BufferConfig<?> bufferConfig) {
        this.name = name;
        this.untilWindowCloses = untilWindowCloses;
        this.timeLimitMs = timeLimitMs;
        this.bufferConfig = bufferConfig;
    }

    /** One final result per window of a windowed table, once the window has closed. */
    public static Suppressed<Windowed<?>> untilWindowCloses(StrictBufferConfig bufferConfig) {
        return new Suppressed<>(null, true, 0, Objects.requireNonNull(bufferConfig, "bufferConfig"));
    }

    /** Each key's latest update, {@code timeToWaitForMoreEvents} of stream time after its first buffered one. */
    public static <K> Suppressed<K> untilTimeLimit(Duration timeToWaitForMoreEvents, BufferConfig<?> bufferConfig) {
        Objects.requireNonNull(timeToWaitForMoreEvents, "timeToWaitForMoreEvents");
        if (timeToWaitForMoreEvents.isNegative()) {
            throw new IllegalArgumentException("timeToWaitForMoreEvents : " + timeToWaitForMoreEvents
                + " (expected: not negative)");
        }
        return new Suppressed<>(null, false, timeToWaitForMoreEvents.toMillis(),
            Objects.requireNonNull(bufferConfig, "bufferConfig"));
    }

    /** This suppression named {@code name}: its buffer store is {@code <name>-store}. */
    public Suppressed<K> withName(String name) {
        Stores.checkName(name);
        return new Suppressed<>(name, untilWindowCloses, timeLimitMs, bufferConfig);
    }

    /** The name, or null for a derived one. */
    public String name() {
        return name;
    }

    /** True for {@link #untilWindowCloses}. */
    public boolean untilWindowCloses() {
        return untilWindowCloses;
    }

    /** The time limit of {@link #untilTimeLimit}, in milliseconds (0 for {@link #untilWindowCloses}). */
    public long timeLimitMs() {
        return timeLimitMs;
    }

    /** The buffer's bounds and logging. */
    public BufferConfig<?> bufferConfig() {
        return bufferConfig;
    }

    /**
     * The bounds of a suppression buffer (records and bytes; unbounded by default), what it does when full, and
     * whether it is logged to a changelog (the default). Bytes count each buffered key and its stored entry (values,
     * timestamps and lengths).
     *
     * @param <BC> the kind of config the builder methods return
     */
    public abstract static sealed class BufferConfig<BC extends BufferConfig<BC>>
        permits StrictBufferConfig, EagerBufferConfig {
        final long maxRecords;
        final long maxBytes;
        final boolean logging;
        final Map<String, String> logConfig;

        BufferConfig(long maxRecords, long maxBytes, boolean logging, Map<String, String> logConfig) {
            if (maxRecords < 0) {
                throw new IllegalArgumentException("maxRecords : " + maxRecords + " (expected: >= 0)");
            }
            if (maxBytes < 0) {
                throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: >= 0)");
            }
            this.maxRecords = maxRecords;
            this.maxBytes = maxBytes;
            this.logging = logging;
            this.logConfig = Map.copyOf(logConfig);
        }

        /** A buffer of at most {@code recordLimit} keys that emits early when full. */
        public static EagerBufferConfig maxRecords(long recordLimit) {
            return new EagerBufferConfig(recordLimit, Long.MAX_VALUE, true, Map.of());
        }

        /** A buffer of at most {@code byteLimit} bytes that emits early when full. */
        public static EagerBufferConfig maxBytes(long byteLimit) {
            return new EagerBufferConfig(Long.MAX_VALUE, byteLimit, true, Map.of());
        }

        /** A buffer without bounds (it may use all memory). */
        public static StrictBufferConfig unbounded() {
            return new StrictBufferConfig(Long.MAX_VALUE, Long.MAX_VALUE, true, Map.of());
        }

        /** This config with at most {@code recordLimit} keys. */
        public abstract BC withMaxRecords(long recordLimit);

        /** This config with at most {@code byteLimit} bytes. */
        public abstract BC withMaxBytes(long byteLimit);

        /** This config without a changelog: the buffer starts empty after a restart. */
        public abstract BC withLoggingDisabled();

        /** This config with a changelog created with {@code config} added to its defaults (the default). */
        public abstract BC withLoggingEnabled(Map<String, String> config);

        /** This config without bounds. */
        public StrictBufferConfig withNoBound() {
            return new StrictBufferConfig(Long.MAX_VALUE, Long.MAX_VALUE, logging, logConfig);
        }

        /** This config, stopping the application with an error when the buffer is full. */
        public StrictBufferConfig shutDownWhenFull() {
            return new StrictBufferConfig(maxRecords, maxBytes, logging, logConfig);
        }

        /** This config, emitting the oldest keys early when the buffer is full. */
        public EagerBufferConfig emitEarlyWhenFull() {
            return new EagerBufferConfig(maxRecords, maxBytes, logging, logConfig);
        }

        /** The most keys held. */
        public long recordLimit() {
            return maxRecords;
        }

        /** The most bytes held. */
        public long byteLimit() {
            return maxBytes;
        }

        /** What a full buffer does. */
        public abstract BufferFullStrategy bufferFullStrategy();

        /** Whether the buffer is logged to a changelog topic. */
        public boolean loggingEnabled() {
            return logging;
        }

        /** Extra configs of the changelog topic. */
        public Map<String, String> logConfig() {
            return logConfig;
        }
    }

    /** A buffer that never emits early: when full it stops the application (or it has no bounds). */
    public static final class StrictBufferConfig extends BufferConfig<StrictBufferConfig> {
        StrictBufferConfig(long maxRecords, long maxBytes, boolean logging, Map<String, String> logConfig) {
            super(maxRecords, maxBytes, logging, logConfig);
        }

        @Override
        public StrictBufferConfig withMaxRecords(long recordLimit) {
            return new StrictBufferConfig(recordLimit, maxBytes, logging, logConfig);
        }

        @Override
        public StrictBufferConfig withMaxBytes(long byteLimit) {
            return new StrictBufferConfig(maxRecords, byteLimit, logging, logConfig);
        }

        @Override
        public StrictBufferConfig withLoggingDisabled() {
            return new StrictBufferConfig(maxRecords, maxBytes, false, Map.of());
        }

        @Override
        public StrictBufferConfig withLoggingEnabled(Map<String, String> config) {
            return new StrictBufferConfig(maxRecords, maxBytes, true, Objects.requireNonNull(config, "config"));
        }

        @Override
        public BufferFullStrategy bufferFullStrategy() {
            return BufferFullStrategy.SHUT_DOWN;
        }
    }

    /** A buffer that emits its oldest keys early when full. */
    public static final class EagerBufferConfig extends BufferConfig<EagerBufferConfig> {
        EagerBufferConfig(long maxRecords, long maxBytes, boolean logging, Map<String, String> logConfig) {
            super(maxRecords, maxBytes, logging, logConfig);
        }

        @Override
        public EagerBufferConfig withMaxRecords(long recordLimit) {
            return new EagerBufferConfig(recordLimit, maxBytes, logging, logConfig);
        }

        @Override
        public EagerBufferConfig withMaxBytes(long byteLimit) {
            return new EagerBufferConfig(maxRecords, byteLimit, logging, logConfig);
        }

        @Override
        public EagerBufferConfig withLoggingDisabled() {
            return new EagerBufferConfig(maxRecords, maxBytes, false, Map.of());
        }

        @Override
        public EagerBufferConfig withLoggingEnabled(Map<String, String> config) {
            return new EagerBufferConfig(maxRecords, maxBytes, true, Objects.requireNonNull(config, "config"));
        }

        @Override
        public BufferFullStrategy bufferFullStrategy() {
            return BufferFullStrategy.EMIT;
        }
    }
}
