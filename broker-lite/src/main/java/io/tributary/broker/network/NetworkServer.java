package io.tributary.broker.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's listener: accepts TCP connections and serves Kafka requests on them through the handlers of an
 * {@link ApiRegistry}, with epoll when available and NIO otherwise.
 *
 * <pre>{@code
 * ApiRegistry apis = new ApiRegistry().registerApiVersions(Versions.parse("0-4"));
 * try (NetworkServer server = NetworkServer.start(NetworkConfig.of("127.0.0.1", 0), apis)) {
 *     InetSocketAddress address = server.boundAddress();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} is idempotent.
 */
public final class NetworkServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NetworkServer.class);

    private final NetworkConfig config;
    private final EventLoopGroup acceptorGroup;
    private final EventLoopGroup ioGroup;
    private final ChannelGroup connections = new DefaultChannelGroup("tributary-connections",
        GlobalEventExecutor.INSTANCE);
    private final AtomicLong connectionSequence = new AtomicLong();
    private final Channel serverChannel;
    private final boolean nativeTransport;
    private volatile boolean closed;

    private NetworkServer(NetworkConfig config, RequestDispatcher dispatcher) throws InterruptedException {
        this.config = config;
        this.nativeTransport = config.preferNativeTransport() && Epoll.isAvailable();
        IoHandlerFactory ioFactory = nativeTransport ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelClass =
            nativeTransport ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        acceptorGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tributary-acceptor", true),
            ioFactory);
        ioGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(),
            new DefaultThreadFactory("tributary-network", true), ioFactory);
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptorGroup, ioGroup)
                .channel(channelClass)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        String id = hostPort(ch.localAddress()) + "-" + hostPort(ch.remoteAddress()) + "-"
                            + connectionSequence.incrementAndGet();
                        connections.add(ch);
                        ch.pipeline()
                            .addLast("frames", new KafkaFrameDecoder(config.maxRequestBytes()))
                            .addLast("requests", new ConnectionHandler(dispatcher, config.maxPendingRequests(), id));
                    }
                });
            serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
        } catch (Throwable e) {
            shutdownGroups();
            throw e;
        }
        log.info("Listening on {} ({} transport, {} I/O threads)", serverChannel.localAddress(),
            nativeTransport ? "epoll" : "nio", config.ioThreads());
    }

    /**
     * Binds and starts serving; handler failures close the connection.
     *
     * @throws InterruptedException if interrupted while binding
     * @throws RuntimeException     (e.g. a {@link java.net.BindException}, rethrown unchecked by Netty) if the
     *                              address cannot be bound
     */
    public static NetworkServer start(NetworkConfig config, ApiRegistry registry) throws InterruptedException {
        return start(config, registry, FailureResponder.CLOSE_CONNECTION);
    }

    /** Binds and starts serving, answering handler failures through {@code failureResponder}. */
    public static NetworkServer start(NetworkConfig config, ApiRegistry registry, FailureResponder failureResponder)
        throws InterruptedException {
        Objects.requireNonNull(config, "config");
        return new NetworkServer(config, new RequestDispatcher(registry, failureResponder));
    }

    private static String hostPort(InetSocketAddress address) {
        return address == null ? "unknown" : address.getHostString() + ":" + address.getPort();
    }

    /** The address the server listens on, with the actual port when port 0 was asked for. */
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Whether the server runs on epoll (true) or NIO (false). */
    public boolean isNativeTransport() {
        return nativeTransport;
    }

    /** The number of client connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Stops accepting, closes every connection (responses not yet written are dropped) and waits, at most the
     * configured shutdown timeout, for the event loops to stop. Restores the interrupt flag if interrupted.
     * Must not be called from one of the server's own event loop threads (that is, not from a handler).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long timeoutMs = config.shutdownTimeout().toMillis();
        serverChannel.close().awaitUninterruptibly(timeoutMs);
        connections.close().awaitUninterruptibly(timeoutMs);
        shutdownGroups();
        log.info("Stopped listening on {}", serverChannel.localAddress());
    }

    private void shutdownGroups() {
        long timeoutMs = config.shutdownTimeout().toMillis();
        Future<?> a = acceptorGroup.shutdownGracefully(0, timeoutMs, TimeUnit.MILLISECONDS);
        Future<?> b = ioGroup.shutdownGracefully(0, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            if (!a.await(timeoutMs) || !b.await(timeoutMs)) {
                log.warn("Event loops did not stop within {} ms", timeoutMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
