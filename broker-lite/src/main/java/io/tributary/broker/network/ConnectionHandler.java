package io.tributary.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of one connection. Takes the frames of {@link KafkaFrameDecoder}, reads each header,
 * dispatches the request and gives it a slot in a FIFO queue. Handlers complete in any order on any thread; the
 * completion hops to the channel's event loop, fills its slot, and every completed slot at the head of the queue
 * is written, so responses leave strictly in request order. A {@link Response#NONE} slot is dropped without
 * writing and does not hold back the ones behind it.
 *
 * <p>Backpressure: reading stops while {@code maxPending} or more requests wait for their response or while the
 * channel is not writable, and resumes once both clear. Frames already received when reading stops are still
 * served, so the count may pass the limit by what one read delivered.
 *
 * <p>A frame is released when its request's future completes (records fields of the request are views of it), or
 * at once when the request is rejected. Any protocol violation or handler failure closes the connection.
 *
 * <p>Not sharable; every method runs on the channel's event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private static final class Slot {
        final RequestContext context;
        Response response;

        Slot(RequestContext context) {
            this.context = context;
        }
    }

    private final RequestDispatcher dispatcher;
    private final int maxPending;
    private final String connectionId;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean closing;

    ConnectionHandler(RequestDispatcher dispatcher, int maxPending, String connectionId) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending : " + maxPending + " (expected: >= 1)");
        }
        this.dispatcher = dispatcher;
        this.maxPending = maxPending;
        this.connectionId = connectionId;
    }

    /** Requests received whose response has not been written yet. */
    int pendingRequests() {
        return slots.size();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean handedOff = false;
        try {
            if (closing) {
                return;
            }
            ByteBuffer buf = frame.nioBuffer();
            RequestContext context = readContext(buf);
            if (context == null) {
                return;
            }
            CompletableFuture<Response> future;
            try {
                future = dispatcher.dispatch(context, buf);
            } catch (RequestDispatcher.RejectedRequestException e) {
                log.warn("Closing connection {}: {} (client {}, correlation id {})", connectionId, e.getMessage(),
                    context.clientId(), context.correlationId());
                closeNow();
                return;
            }
            Slot slot = new Slot(context);
            slots.add(slot);
            updateReading();
            handedOff = true;
            EventLoop loop = ctx.channel().eventLoop();
            future.whenComplete((response, error) -> {
                frame.release();
                if (loop.inEventLoop()) {
                    complete(slot, response, error);
                } else {
                    try {
                        loop.execute(() -> complete(slot, response, error));
                    } catch (RejectedExecutionException e) {
                        log.debug("Dropping response on {}: event loop is shut down", connectionId);
                    }
                }
            });
        } finally {
            if (!handedOff) {
                frame.release();
            }
        }
    }

    /** The request's context, or null after closing the connection when the header is bad. */
    private RequestContext readContext(ByteBuffer buf) {
        RequestHeader header;
        try {
            header = RequestHeader.read(buf);
        } catch (RuntimeException e) {
            log.warn("Closing connection {}: request header does not decode: {}", connectionId, e.getMessage());
            closeNow();
            return null;
        }
        ApiKey api = ApiKey.forId(header.apiKey());
        if (api == null) {
            log.warn("Closing connection {}: unknown API key {} (client {}, correlation id {})", connectionId,
                header.apiKey(), header.clientId(), header.correlationId());
            closeNow();
            return null;
        }
        return new RequestContext(header, api, ctx.channel().remoteAddress(), connectionId);
    }

    private void complete(Slot slot, Response response, Throwable error) {
        if (closing) {
            return;
        }
        if (error != null) {
            RequestContext c = slot.context;
            log.warn("Closing connection {}: handler of {} v{} (correlation id {}) failed", connectionId,
                c.apiKey(), c.apiVersion(), c.correlationId(), RequestDispatcher.unwrap(error));
            closeNow();
            return;
        }
        slot.response = response;
        flushCompleted();
    }

    private void flushCompleted() {
        boolean wrote = false;
        while (!slots.isEmpty() && slots.peekFirst().response != null) {
            Slot head = slots.pollFirst();
            if (head.response.isNone()) {
                continue;
            }
            java.util.List<Object> out;
            try {
                out = ResponseEncoder.encode(head.context, head.response);
            } catch (RuntimeException e) {
                log.error("Closing connection {}: response to {} v{} (correlation id {}) does not encode",
                    connectionId, head.context.apiKey(), head.context.apiVersion(), head.context.correlationId(), e);
                closeNow();
                return;
            }
            for (Object part : out) {
                ctx.write(part, ctx.voidPromise());
            }
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        updateReading();
    }

    /** Reads while fewer than maxPending requests wait and the outbound buffer has room. */
    private void updateReading() {
        if (closing) {
            return;
        }
        boolean shouldRead = slots.size() < maxPending && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != shouldRead) {
            log.debug("{} reading on {} ({} requests pending)", shouldRead ? "Resuming" : "Pausing", connectionId,
                slots.size());
            ctx.channel().config().setAutoRead(shouldRead);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        slots.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("Closing connection {}: {}", connectionId, cause.toString());
        } else {
            log.warn("Closing connection {} after an unexpected error", connectionId, cause);
        }
        closeNow();
    }

    private void closeNow() {
        if (!closing) {
            closing = true;
            slots.clear();
            ctx.close();
        }
    }
}
