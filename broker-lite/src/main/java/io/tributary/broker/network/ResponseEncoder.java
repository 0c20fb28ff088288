package io.tributary.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ResponseHeader;
import io.tributary.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;

/** Encodes a response frame: int32 size, response header, body. Stateless and thread-safe. */
final class ResponseEncoder {
    private ResponseEncoder() {
    }

    /**
     * The whole frame for {@code response} to the request in {@code context}, as a new buffer the caller owns.
     *
     * @throws RuntimeException if the body does not fit the response schema at the chosen version
     */
    static ByteBuf encode(RequestContext context, Response response) {
        ApiKey api = context.apiKey();
        short version = response.versionOr(context.apiVersion());
        ProtocolWriter w = new ProtocolWriter(256);
        w.writeInt32(0); // size, filled in below
        ResponseHeader.write(context.correlationId(), api.responseHeaderVersion(version), w);
        api.responseSchema().write(response.body(), version, w);
        w.putInt32At(0, w.position() - 4);
        ByteBuffer bytes = w.toByteBuffer();
        return Unpooled.wrappedBuffer(bytes);
    }
}
