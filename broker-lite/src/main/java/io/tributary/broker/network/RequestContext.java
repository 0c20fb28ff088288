package io.tributary.broker.network;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * Where a request came from: its header, the API it names, the client's address and the id of its connection.
 * Immutable and thread-safe.
 *
 * @param header        the request header as received
 * @param apiKey        the API of the request (known to the codecs)
 * @param remoteAddress the client's address, may be null if the channel no longer knows it
 * @param connectionId  unique within this server process: local address, remote address and a sequence number
 */
public record RequestContext(RequestHeader header, ApiKey apiKey, SocketAddress remoteAddress, String connectionId) {

    public RequestContext {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(connectionId, "connectionId");
    }

    /** The request's version. */
    public short apiVersion() {
        return header.apiVersion();
    }

    /** The correlation id, echoed in the response. */
    public int correlationId() {
        return header.correlationId();
    }

    /** The client id, may be null. */
    public String clientId() {
        return header.clientId();
    }
}
