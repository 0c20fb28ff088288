package io.tributary.broker.network;

import io.tributary.protocol.types.Struct;
import java.util.Objects;

/**
 * What a handler answers a request with: a response body to encode, or {@link #NONE} when nothing must be sent
 * (Produce with {@code acks=0}). The body is encoded with the response schema of the request's API, at the
 * request's version unless another one is given. Immutable once built; the body must not be modified after it
 * has been handed to the pipeline.
 */
public final class Response {
    /** Send nothing for this request; later responses of the connection are not held back by it. */
    public static final Response NONE = new Response(null, (short) -1);

    private final Struct body;
    private final short version;

    private Response(Struct body, short version) {
        this.body = body;
        this.version = version;
    }

    /** A response body, encoded at the request's version. */
    public static Response of(Struct body) {
        return new Response(Objects.requireNonNull(body, "body"), (short) -1);
    }

    /** A response body encoded at {@code version} instead of the request's (the ApiVersions v0 fallback). */
    public static Response of(Struct body, short version) {
        if (version < 0) {
            throw new IllegalArgumentException("version : " + version + " (expected: >= 0)");
        }
        return new Response(Objects.requireNonNull(body, "body"), version);
    }

    /** The body, or null for {@link #NONE}. */
    public Struct body() {
        return body;
    }

    /** Whether this is {@link #NONE}. */
    public boolean isNone() {
        return body == null;
    }

    /** The version to encode at: this response's own one, or else {@code requestVersion}. */
    public short versionOr(short requestVersion) {
        return version >= 0 ? version : requestVersion;
    }

    @Override
    public String toString() {
        return isNone() ? "Response.NONE" : "Response(" + body.schema().name() + (version >= 0 ? " v" + version : "") + ")";
    }
}
