package io.tributary.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ResponseHeader;
import io.tributary.protocol.types.ProtocolWriter;
import io.netty.channel.DefaultFileRegion;
import io.tributary.protocol.types.RecordsSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Encodes a response frame: int32 size, response header, body. Stateless and thread-safe. */
final class ResponseEncoder {
    private ResponseEncoder() {
    }

    /**
     * The whole frame for {@code response} to the request in {@code context}, as buffers and file regions to write in
     * order; the caller owns them. Record data backed by a segment file goes out as a {@link DefaultFileRegion}
     * (sendfile, no copy through the heap) over a file handle opened here, so a segment renamed or deleted later
     * does not disturb the send; other record sources are copied.
     *
     * @throws RuntimeException if the body does not fit the response schema at the chosen version
     */
    static List<Object> encode(RequestContext context, Response response) {
        ApiKey api = context.apiKey();
        short version = response.versionOr(context.apiVersion());
        ProtocolWriter w = new ProtocolWriter(256);
        w.writeInt32(0); // size, filled in below
        ResponseHeader.write(context.correlationId(), api.responseHeaderVersion(version), w);
        api.responseSchema().write(response.body(), version, w);
        w.putInt32At(0, w.position() - 4);
        List<Object> out = new ArrayList<>();
        for (Object part : w.parts()) {
            if (part instanceof ByteBuffer b) {
                out.add(Unpooled.wrappedBuffer(b));
            } else {
                out.add(region((RecordsSource) part));
            }
        }
        return out;
    }

    private static Object region(RecordsSource source) {
        if (source.file() != null && source.sizeInBytes() > 0) {
            try {
                FileChannel ch = FileChannel.open(source.file(), StandardOpenOption.READ);
                return new DefaultFileRegion(ch, source.filePosition(), source.sizeInBytes());
            } catch (IOException e) {
                // renamed or deleted since the read: fall back to the copy the source can still make
            }
        }
        ByteBuffer copy = ByteBuffer.allocate(source.sizeInBytes());
        source.copyTo(copy);
        return Unpooled.wrappedBuffer(copy.flip());
    }
}
