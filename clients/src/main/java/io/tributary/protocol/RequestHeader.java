package io.tributary.protocol;

import io.tributary.protocol.message.RequestHeaderSchema;
import io.tributary.protocol.types.ProtocolWriter;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;

/**
 * The header in front of every request: API key, API version, correlation id and client id. Header v1 for
 * classic request versions, v2 (v1 + tagged fields) for flexible ones; the client id keeps its int16 length in
 * both, so any broker can read the header of a request version it does not know.
 *
 * @param apiKey        the API key on the wire (may be one the codecs do not know)
 * @param apiVersion    the request version
 * @param correlationId echoed in the response
 * @param clientId      the client's id, may be null
 */
public record RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId) {

    /** The header version that goes with {@code apiKey}/{@code apiVersion}; unknown APIs are read as v1. */
    public static short headerVersion(short apiKey, short apiVersion) {
        ApiKey key = ApiKey.forId(apiKey);
        if (key == null) {
            return 1;
        }
        short firstFlexible = key.firstFlexibleVersion();
        return (short) (firstFlexible >= 0 && apiVersion >= firstFlexible ? 2 : 1);
    }

    /**
     * Reads a request header from {@code buf}, leaving the position at the start of the body.
     *
     * @throws MalformedMessageException if the header is truncated or malformed
     */
    public static RequestHeader read(ByteBuffer buf) {
        if (buf.remaining() < 4) {
            throw new MalformedMessageException("request header needs at least 4 bytes, got " + buf.remaining());
        }
        short apiKey = buf.getShort(buf.position());
        short apiVersion = buf.getShort(buf.position() + 2);
        Struct s = RequestHeaderSchema.SCHEMA.read(buf, headerVersion(apiKey, apiVersion));
        return new RequestHeader(s.getInt16("requestApiKey"), s.getInt16("requestApiVersion"),
            s.getInt32("correlationId"), s.getString("clientId"));
    }

    /** Writes this header at the version that goes with its API key and version. */
    public void write(ProtocolWriter w) {
        Struct s = RequestHeaderSchema.SCHEMA.newStruct()
            .set("requestApiKey", apiKey)
            .set("requestApiVersion", apiVersion)
            .set("correlationId", correlationId)
            .set("clientId", clientId);
        RequestHeaderSchema.SCHEMA.write(s, headerVersion(apiKey, apiVersion), w);
    }
}
