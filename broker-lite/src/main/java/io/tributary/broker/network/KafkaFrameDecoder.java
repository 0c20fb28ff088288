package io.tributary.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the inbound byte stream into Kafka frames: a big-endian int32 size, then that many bytes. Emits each
 * frame's payload (without the size) as a retained slice of the cumulation; whoever receives it owns it and must
 * release it.
 *
 * <p>A negative size, or one above {@code maxFrameBytes} (Kafka's {@code socket.request.max.bytes}), closes the
 * connection after a log line; the claimed size is never allocated and any bytes that follow are dropped. A size
 * of zero yields an empty frame (the request decoder rejects it later).
 *
 * <p>Not sharable: one instance per channel, used on that channel's event loop only.
 */
public final class KafkaFrameDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(KafkaFrameDecoder.class);

    /** Kafka's default {@code socket.request.max.bytes}: 100 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 104_857_600;

    private final int maxFrameBytes;
    private boolean failed;

    /** A decoder that rejects frames larger than {@code maxFrameBytes} (must be positive). */
    public KafkaFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes : " + maxFrameBytes + " (expected: > 0)");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 4) {
            return;
        }
        int size = in.getInt(in.readerIndex());
        if (size < 0 || size > maxFrameBytes) {
            failed = true;
            in.skipBytes(in.readableBytes());
            log.warn("Closing connection {}: frame size {} is outside 0..{} (socket.request.max.bytes)",
                ctx.channel().remoteAddress(), size, maxFrameBytes);
            ctx.close();
            return;
        }
        if (in.readableBytes() - 4 < size) {
            return;
        }
        in.skipBytes(4);
        out.add(in.readRetainedSlice(size));
    }
}
