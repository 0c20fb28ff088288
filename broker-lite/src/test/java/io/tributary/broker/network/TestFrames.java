package io.tributary.broker.network;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.ResponseHeader;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.ProtocolWriter;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;

/** Builds request frames and reads response frames with Tributary's own codec. */
final class TestFrames {
    private TestFrames() {
    }

    /** A decoded response: the correlation id and the body. */
    record Decoded(int correlationId, Struct body) {
    }

    /** A whole request frame (size prefix included) with an empty-default body of {@code api} at {@code version}. */
    static byte[] request(ApiKey api, short version, int correlationId) {
        return request(api, version, correlationId, api.requestSchema().newStruct());
    }

    static byte[] request(ApiKey api, short version, int correlationId, Struct body) {
        ProtocolWriter w = new ProtocolWriter(64);
        w.writeInt32(0);
        new RequestHeader(api.id(), version, correlationId, "test-client").write(w);
        api.requestSchema().write(body, version, w);
        w.putInt32At(0, w.position() - 4);
        return toArray(w.toByteBuffer());
    }

    /** A frame holding only a request header, for APIs or versions the codec cannot write a body for. */
    static byte[] headerOnly(short apiKey, short version, int correlationId) {
        ProtocolWriter w = new ProtocolWriter(64);
        w.writeInt32(0);
        new RequestHeader(apiKey, version, correlationId, "test-client").write(w);
        w.putInt32At(0, w.position() - 4);
        return toArray(w.toByteBuffer());
    }

    /** A frame of {@code payload} behind its size. */
    static byte[] frame(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.putInt(payload.length).put(payload);
        return b.array();
    }

    /** Decodes a response payload (size already stripped) of {@code api} at {@code version}. */
    static Decoded response(ByteBuffer payload, ApiKey api, short version) {
        ProtocolReader r = new ProtocolReader(payload);
        int correlationId = ResponseHeader.read(r, api.responseHeaderVersion(version));
        return new Decoded(correlationId, api.responseSchema().read(payload, version));
    }

    static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
