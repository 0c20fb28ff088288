package io.tributary.broker.network;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link NetworkServer}. Immutable.
 *
 * @param host                 the address to bind; "0.0.0.0" for all interfaces
 * @param port                 the port to bind; 0 picks a free one (see {@link NetworkServer#boundAddress()})
 * @param maxRequestBytes      the largest request frame accepted (Kafka's {@code socket.request.max.bytes})
 * @param maxPendingRequests   per connection, the number of requests waiting for their response at which
 *                             reading pauses (the per-connection counterpart of Kafka's
 *                             {@code queued.max.requests})
 * @param ioThreads            event loop threads serving connections (Kafka's {@code num.network.threads})
 * @param preferNativeTransport use epoll when the platform has it, NIO otherwise
 * @param shutdownTimeout      how long {@link NetworkServer#close()} waits for the event loops to stop
 */
public record NetworkConfig(String host, int port, int maxRequestBytes, int maxPendingRequests, int ioThreads,
                            boolean preferNativeTransport, Duration shutdownTimeout) {

    /** Kafka's default {@code socket.request.max.bytes}. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = KafkaFrameDecoder.DEFAULT_MAX_FRAME_BYTES;
    /** The default per-connection pending request limit. */
    public static final int DEFAULT_MAX_PENDING_REQUESTS = 100;

    public NetworkConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port : " + port + " (expected: 0..65535)");
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes : " + maxRequestBytes + " (expected: > 0)");
        }
        if (maxPendingRequests < 1) {
            throw new IllegalArgumentException("maxPendingRequests : " + maxPendingRequests + " (expected: >= 1)");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads : " + ioThreads + " (expected: >= 1)");
        }
    }

    /** Defaults for everything but the address: 100 MiB frames, 100 pending requests, 3 I/O threads, epoll. */
    public static NetworkConfig of(String host, int port) {
        return new NetworkConfig(host, port, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_PENDING_REQUESTS, 3, true,
            Duration.ofSeconds(10));
    }

    /** A copy with another {@code maxRequestBytes}. */
    public NetworkConfig withMaxRequestBytes(int value) {
        return new NetworkConfig(host, port, value, maxPendingRequests, ioThreads, preferNativeTransport,
            shutdownTimeout);
    }

    /** A copy with another {@code maxPendingRequests}. */
    public NetworkConfig withMaxPendingRequests(int value) {
        return new NetworkConfig(host, port, maxRequestBytes, value, ioThreads, preferNativeTransport,
            shutdownTimeout);
    }

    /** A copy with another {@code ioThreads}. */
    public NetworkConfig withIoThreads(int value) {
        return new NetworkConfig(host, port, maxRequestBytes, maxPendingRequests, value, preferNativeTransport,
            shutdownTimeout);
    }

    /** A copy with another {@code preferNativeTransport}. */
    public NetworkConfig withPreferNativeTransport(boolean value) {
        return new NetworkConfig(host, port, maxRequestBytes, maxPendingRequests, ioThreads, value,
            shutdownTimeout);
    }

    /** A copy with another {@code shutdownTimeout}. */
    public NetworkConfig withShutdownTimeout(Duration value) {
        return new NetworkConfig(host, port, maxRequestBytes, maxPendingRequests, ioThreads, preferNativeTransport,
            value);
    }
}
