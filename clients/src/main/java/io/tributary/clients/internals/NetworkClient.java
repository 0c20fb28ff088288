package io.tributary.clients.internals;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.tributary.clients.Node;
import io.tributary.common.Errors;
import io.tributary.common.TimeoutException;
import io.tributary.common.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.ResponseHeader;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.ProtocolWriter;
import io.tributary.protocol.types.RecordsSource;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka-protocol connections to brokers, one per node, on one Netty I/O thread.
 *
 * <p>Each request gets a correlation id and is written as soon as its connection is ready; many requests may be in
 * flight on one connection (pipelining) and their responses, which Kafka sends in request order, complete their
 * futures in that order. A new connection first exchanges ApiVersions, and every request is then sent at the
 * highest version both sides know (capped by the caller). A request not answered within its timeout fails with
 * {@link TimeoutException} and closes its connection (its response could not be told apart from later ones
 * otherwise). A failed connection fails its requests with a retriable {@link Errors#NETWORK_EXCEPTION}; the next
 * attempt to that node waits an exponential back-off ({@code reconnect.backoff.ms} up to
 * {@code reconnect.backoff.max.ms}, with jitter).
 *
 * <p>Futures complete on the I/O thread: callers must not block in their continuations.
 */
public final class NetworkClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NetworkClient.class);
    private static final int MAX_RESPONSE_BYTES = Integer.MAX_VALUE - 8;
    private static final String SOFTWARE_NAME = "tributary-java";
    private static final String SOFTWARE_VERSION = "0.1.0";

    /** Makes a request body for the version the connection negotiated. */
    @FunctionalInterface
    public interface BodyBuilder {
        Struct build(short version);
    }

    /** A decoded response and the version it was sent at. */
    public record Response(ApiKey api, short version, Struct body) {
    }

    /** Settings of a client's connections. */
    public record Settings(String clientId, int requestTimeoutMs, long reconnectBackoffMs, long reconnectBackoffMaxMs,
                           int connectTimeoutMs, int sendBufferBytes, int receiveBufferBytes) {
    }

    private final Settings settings;
    private final MultiThreadIoEventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    /** Connections by address; touched only on the I/O thread. */
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private int nextCorrelationId;
    private volatile Runnable readyListener = () -> { };
    private volatile boolean closed;

    public NetworkClient(Settings settings) {
        this.settings = settings;
        this.group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("tributary-io-" + settings.clientId(), true), NioIoHandler.newFactory());
        this.loop = group.next();
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMs());
        if (settings.sendBufferBytes() > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, settings.sendBufferBytes());
        }
        if (settings.receiveBufferBytes() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes());
        }
    }

    /** The client id sent in every request header. */
    public String clientId() {
        return settings.clientId();
    }

    /** The default per-request timeout ({@code request.timeout.ms}). */
    public int requestTimeoutMs() {
        return settings.requestTimeoutMs();
    }

    /** Sends {@code body} at the highest version both sides support, with the default timeout. */
    public CompletableFuture<Response> send(Node node, ApiKey api, Struct body) {
        return send(node, api, v -> body, api.latestVersion(), settings.requestTimeoutMs(), true);
    }

    /** Sends the body {@code builder} makes for the negotiated version (at most {@code maxVersion}). */
    public CompletableFuture<Response> send(Node node, ApiKey api, BodyBuilder builder, short maxVersion) {
        return send(node, api, builder, maxVersion, settings.requestTimeoutMs(), true);
    }

    /**
     * Sends a request to {@code node}.
     *
     * @param builder        makes the body for the version chosen (the highest both sides know, at most
     *                       {@code maxVersion}); runs on the I/O thread
     * @param timeoutMs      how long to wait for the response (and for the connection, if there is none yet)
     * @param expectResponse false for requests the broker does not answer (produce with acks=0): the future then
     *                       completes with a null body once the request is written
     */
    public CompletableFuture<Response> send(Node node, ApiKey api, BodyBuilder builder, short maxVersion,
                                            int timeoutMs, boolean expectResponse) {
        Pending p = new Pending(api, builder, maxVersion, expectResponse, new CompletableFuture<>());
        if (closed) {
            p.future.completeExceptionally(new IllegalStateException("the client is closed"));
            return p.future;
        }
        try {
            loop.execute(() -> enqueue(node, p, timeoutMs));
        } catch (RuntimeException e) { // rejected: shutting down
            p.future.completeExceptionally(new IllegalStateException("the client is closed", e));
        }
        return p.future;
    }

    /** Runs {@code task} on the I/O thread after {@code delayMs}. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        return loop.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Whether a connection to {@code node} is open and negotiated (a hint; it may close at any time). */
    public boolean isReady(Node node) {
        Connection c = connections.get(node.address());
        return c != null && c.state == State.READY;
    }

    /**
     * Whether a connection to {@code node} is open and negotiated; if not, starts opening one (once the reconnect
     * back-off has passed) and returns false. For callers that keep work queued until a node is reachable (the
     * producer's sender); {@link #onConnectionReady} tells when to ask again.
     */
    public boolean ready(Node node) {
        if (isReady(node)) {
            return true;
        }
        if (!closed) {
            try {
                loop.execute(() -> {
                    if (closed) {
                        return;
                    }
                    Connection c = connections.computeIfAbsent(node.address(), a -> new Connection(node));
                    if (c.state == State.DISCONNECTED && System.currentTimeMillis() >= c.nextAttemptAt) {
                        connect0(c);
                    }
                });
            } catch (RuntimeException e) {
                // rejected: shutting down
            }
        }
        return false;
    }

    /** Runs {@code listener} (on the I/O thread: keep it short) each time a connection becomes ready. */
    public void onConnectionReady(Runnable listener) {
        this.readyListener = listener;
    }

    /** Closes the connection to {@code node}, failing its requests with a network error. */
    public void disconnect(Node node) {
        loop.execute(() -> {
            Connection c = connections.get(node.address());
            if (c != null && c.channel != null) {
                c.channel.close();
            }
        });
    }

    // ---- I/O thread ------------------------------------------------------------------------------------------

    private void enqueue(Node node, Pending p, int timeoutMs) {
        if (closed) {
            p.future.completeExceptionally(new IllegalStateException("the client is closed"));
            return;
        }
        Connection c = connections.get(node.address());
        if (c == null) {
            c = new Connection(node);
            connections.put(node.address(), c);
        }
        p.timeout = loop.schedule(() -> expire(p, timeoutMs), timeoutMs, TimeUnit.MILLISECONDS);
        p.connection = c;
        if (c.state == State.READY) {
            write(c, p);
        } else {
            c.waiting.add(p);
            if (c.state == State.DISCONNECTED) {
                connect(c);
            }
        }
    }

    private void connect(Connection c) {
        long now = System.currentTimeMillis();
        if (now < c.nextAttemptAt) {
            c.state = State.BACKOFF;
            loop.schedule(() -> {
                if (c.state == State.BACKOFF && !c.waiting.isEmpty()) {
                    connect0(c);
                } else if (c.state == State.BACKOFF) {
                    c.state = State.DISCONNECTED;
                }
            }, c.nextAttemptAt - now, TimeUnit.MILLISECONDS);
            return;
        }
        connect0(c);
    }

    private void connect0(Connection c) {
        c.state = State.CONNECTING;
        ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_RESPONSE_BYTES, 0, 4, 0, 4));
                ch.pipeline().addLast(new Inbound(c));
            }
        }).connect(c.node.host(), c.node.port());
        c.channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                connectionFailed(c, "cannot connect to " + c.node + ": " + describe(done.cause()));
                return;
            }
            c.state = State.NEGOTIATING;
            short v = (short) Math.min(ApiKey.API_VERSIONS.latestVersion(), 4);
            negotiate(c, v);
        });
    }

    private void negotiate(Connection c, short version) {
        Pending p = new Pending(ApiKey.API_VERSIONS, ver -> ApiVersionsRequest.SCHEMA.newStruct()
            .set("clientSoftwareName", SOFTWARE_NAME).set("clientSoftwareVersion", SOFTWARE_VERSION),
            version, true, new CompletableFuture<>());
        p.connection = c;
        p.version = version;
        p.timeout = loop.schedule(() -> expire(p, settings.requestTimeoutMs()), settings.requestTimeoutMs(),
            TimeUnit.MILLISECONDS);
        writeAt(c, p, version);
        p.future.whenComplete((r, e) -> {
            if (e != null) {
                return; // the connection failed and was closed: its waiting requests were failed with it
            }
            short error = r.body().getInt16("errorCode");
            List<Struct> keys = r.body().getStructs("apiKeys");
            if (error == Errors.UNSUPPORTED_VERSION.code() && version > 0) {
                short brokerMax = 0;
                for (Struct k : keys) {
                    if (k.getInt16("apiKey") == ApiKey.API_VERSIONS.id()) {
                        brokerMax = k.getInt16("maxVersion");
                    }
                }
                negotiate(c, (short) Math.min(brokerMax, version - 1));
                return;
            }
            if (error != Errors.NONE.code()) {
                c.channel.close();
                connectionFailed(c, c.node + " refused ApiVersions: " + Errors.forCode(error));
                return;
            }
            short[] max = new short[128];
            short[] min = new short[128];
            java.util.Arrays.fill(max, (short) -1);
            for (Struct k : keys) {
                int id = k.getInt16("apiKey");
                if (id >= 0 && id < max.length) {
                    min[id] = k.getInt16("minVersion");
                    max[id] = k.getInt16("maxVersion");
                }
            }
            c.minVersions = min;
            c.maxVersions = max;
            c.state = State.READY;
            c.failures = 0;
            Pending w;
            while ((w = c.waiting.poll()) != null) {
                write(c, w);
            }
            readyListener.run();
        });
    }

    private void write(Connection c, Pending p) {
        if (p.future.isDone()) {
            return;
        }
        short ours = (short) Math.min(p.maxVersion, p.api.latestVersion());
        short theirs = c.maxVersions[p.api.id()];
        short version = (short) Math.min(ours, theirs);
        if (theirs < 0 || version < Math.max(p.api.oldestVersion(), c.minVersions[p.api.id()])) {
            fail(p, new TributaryException(Errors.UNSUPPORTED_VERSION, c.node + " does not support " + p.api
                + (theirs < 0 ? "" : " at versions " + c.minVersions[p.api.id()] + "-" + theirs)
                + " (this client: " + p.api.oldestVersion() + "-" + ours + ")"));
            return;
        }
        p.version = version;
        writeAt(c, p, version);
    }

    private void writeAt(Connection c, Pending p, short version) {
        Struct body;
        ProtocolWriter w = new ProtocolWriter(256);
        int correlationId = nextCorrelationId++;
        if (nextCorrelationId == Integer.MAX_VALUE) {
            nextCorrelationId = 0;
        }
        try {
            body = p.builder.build(version);
            w.writeInt32(0);
            new RequestHeader(p.api.id(), version, correlationId, settings.clientId()).write(w);
            p.api.requestSchema().write(body, version, w);
            w.putInt32At(0, w.position() - 4);
        } catch (RuntimeException e) {
            fail(p, e);
            return;
        }
        p.correlationId = correlationId;
        List<Object> parts = w.parts();
        ByteBuf out;
        if (parts.size() == 1 && parts.get(0) instanceof ByteBuffer b) {
            out = Unpooled.wrappedBuffer(b);
        } else {
            ByteBuf[] bufs = new ByteBuf[parts.size()];
            for (int i = 0; i < bufs.length; i++) {
                Object part = parts.get(i);
                if (part instanceof ByteBuffer b) {
                    bufs[i] = Unpooled.wrappedBuffer(b);
                } else if (part instanceof BufferRecords r) {
                    bufs[i] = Unpooled.wrappedBuffer(r.buffer().duplicate());
                } else {
                    RecordsSource s = (RecordsSource) part;
                    ByteBuffer copy = ByteBuffer.allocate(s.sizeInBytes());
                    s.copyTo(copy);
                    bufs[i] = Unpooled.wrappedBuffer(copy.flip());
                }
            }
            out = Unpooled.wrappedBuffer(bufs);
        }
        if (p.expectResponse) {
            c.inFlight.add(p);
            c.channel.writeAndFlush(out, c.channel.voidPromise());
        } else {
            c.channel.writeAndFlush(out).addListener(done -> {
                if (done.isSuccess()) {
                    p.timeout.cancel(false);
                    p.future.complete(new Response(p.api, version, null));
                } else {
                    fail(p, new TributaryException(Errors.NETWORK_EXCEPTION,
                        "cannot write to " + c.node + ": " + describe(done.cause())));
                }
            });
        }
    }

    private void onResponse(Connection c, ByteBuf frame) {
        ByteBuffer buf = ByteBuffer.allocate(frame.readableBytes());
        frame.readBytes(buf);
        buf.flip();
        Pending p = c.inFlight.poll();
        int correlationId = buf.remaining() >= 4 ? buf.getInt(0) : -1;
        if (p == null || p.correlationId != correlationId) {
            log.warn("{} sent a response with correlation id {} (expected {}); closing the connection", c.node,
                correlationId, p == null ? "none" : p.correlationId);
            if (p != null) {
                c.inFlight.addFirst(p);
            }
            c.channel.close();
            return;
        }
        try {
            ResponseHeader.read(new ProtocolReader(buf), p.api.responseHeaderVersion(p.version));
            Struct body = readBody(p, buf);
            p.timeout.cancel(false);
            p.future.complete(new Response(p.api, p.version, body));
        } catch (RuntimeException e) {
            log.warn("cannot decode {} v{} response from {}: {}", p.api, p.version, c.node, e.toString());
            fail(p, new TributaryException(Errors.CORRUPT_MESSAGE,
                "malformed " + p.api + " response from " + c.node + ": " + e.getMessage(), e));
            c.channel.close();
        }
    }

    /**
     * The response body. A broker that does not know the ApiVersions version asked for answers with a v0 body and
     * UNSUPPORTED_VERSION (KIP-511), which cannot be read at the version asked for: it is read again as v0.
     */
    private static Struct readBody(Pending p, ByteBuffer buf) {
        int start = buf.position();
        try {
            return p.api.responseSchema().read(buf, p.version);
        } catch (RuntimeException e) {
            if (p.api != ApiKey.API_VERSIONS || p.version == 0) {
                throw e;
            }
            buf.position(start);
            Struct v0;
            try {
                v0 = p.api.responseSchema().read(buf, (short) 0);
            } catch (RuntimeException ignored) {
                throw e;
            }
            if (v0.getInt16("errorCode") != Errors.UNSUPPORTED_VERSION.code()) {
                throw e;
            }
            return v0;
        }
    }

    private void expire(Pending p, int timeoutMs) {
        if (p.future.isDone()) {
            return;
        }
        Connection c = p.connection;
        boolean sent = c != null && c.inFlight.contains(p);
        String what = sent ? "no response to " + p.api + " from " + c.node
            : "no connection to " + (c == null ? "the broker" : c.node);
        fail(p, new TimeoutException(what + " within request.timeout.ms (" + timeoutMs + " ms)"));
        if (c != null) {
            c.waiting.remove(p);
            if (sent && c.channel != null) {
                c.channel.close(); // later responses would be matched to the wrong requests otherwise
            }
        }
    }

    private void connectionFailed(Connection c, String why) {
        c.failures++;
        c.state = State.DISCONNECTED;
        c.channel = null;
        long backoff = backoffMs(c.failures);
        c.nextAttemptAt = System.currentTimeMillis() + backoff;
        log.debug("{}; next attempt in {} ms", why, backoff);
        failAll(c, why);
    }

    private void onInactive(Connection c) {
        if (c.state == State.CONNECTING) {
            return; // the connect listener reports it
        }
        boolean wasReady = c.state == State.READY;
        c.state = State.DISCONNECTED;
        c.channel = null;
        if (wasReady) {
            c.failures = 0;
            c.nextAttemptAt = System.currentTimeMillis() + settings.reconnectBackoffMs();
        } else {
            c.failures++;
            c.nextAttemptAt = System.currentTimeMillis() + backoffMs(c.failures);
        }
        failAll(c, "connection to " + c.node + " closed");
    }

    private void failAll(Connection c, String why) {
        Pending p;
        while ((p = c.inFlight.poll()) != null) {
            fail(p, new TributaryException(Errors.NETWORK_EXCEPTION, why + " before " + p.api + " was answered"));
        }
        while ((p = c.waiting.poll()) != null) {
            fail(p, new TributaryException(Errors.NETWORK_EXCEPTION, why));
        }
    }

    private long backoffMs(int failures) {
        double exp = settings.reconnectBackoffMs() * Math.pow(2, Math.min(failures - 1, 20));
        double capped = Math.min(exp, settings.reconnectBackoffMaxMs());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.max(0, (long) (capped * jitter));
    }

    private static void fail(Pending p, Throwable e) {
        if (p.timeout != null) {
            p.timeout.cancel(false);
        }
        p.future.completeExceptionally(e);
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            loop.submit(() -> {
                for (Connection c : connections.values()) {
                    if (c.channel != null) {
                        c.channel.close();
                    }
                    failAll(c, "the client was closed");
                }
            }).await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private enum State { DISCONNECTED, BACKOFF, CONNECTING, NEGOTIATING, READY }

    private static final class Connection {
        final Node node;
        final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
        Channel channel;
        volatile State state = State.DISCONNECTED;
        int failures;
        long nextAttemptAt;
        short[] minVersions;
        short[] maxVersions;

        Connection(Node node) {
            this.node = node;
        }
    }

    private static final class Pending {
        final ApiKey api;
        final BodyBuilder builder;
        final short maxVersion;
        final boolean expectResponse;
        final CompletableFuture<Response> future;
        Connection connection;
        ScheduledFuture<?> timeout;
        int correlationId = -1;
        short version;

        Pending(ApiKey api, BodyBuilder builder, short maxVersion, boolean expectResponse,
                CompletableFuture<Response> future) {
            this.api = api;
            this.builder = builder;
            this.maxVersion = maxVersion;
            this.expectResponse = expectResponse;
            this.future = future;
        }
    }

    private final class Inbound extends SimpleChannelInboundHandler<ByteBuf> {
        private final Connection c;

        Inbound(Connection c) {
            this.c = c;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            if (c.channel == ctx.channel()) {
                onResponse(c, frame);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (c.channel == ctx.channel()) {
                onInactive(c);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("connection to {} failed: {}", c.node, cause.toString());
            ctx.close();
        }
    }
}
