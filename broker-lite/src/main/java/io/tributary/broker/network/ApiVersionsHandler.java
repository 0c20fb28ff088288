package io.tributary.broker.network;

import io.tributary.common.Errors;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/**
 * Answers ApiVersions with exactly the APIs of an {@link ApiRegistry} and their advertised ranges, error code 0,
 * throttle time 0 (v1+) and no features (v3+). The client software name and version of v3+ are accepted
 * whatever they hold.
 *
 * <p>{@link #unsupportedVersion(ApiRegistry)} builds the answer to an ApiVersions version the broker does not
 * serve: a v0 body with UNSUPPORTED_VERSION and only the ApiVersions range, which every client can read.
 *
 * <p>Thread-safe; answers synchronously.
 */
public final class ApiVersionsHandler implements ApiHandler {
    private final ApiRegistry registry;

    /** A handler announcing what {@code registry} holds at the time of each request. */
    public ApiVersionsHandler(ApiRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext context, Struct request) {
        Struct body = ApiVersionsResponse.SCHEMA.newStruct().set("errorCode", Errors.NONE.code());
        for (ApiRegistry.Registration r : registry.registrations()) {
            addApi(body, r.api(), r);
        }
        return CompletableFuture.completedFuture(Response.of(body));
    }

    /**
     * The v0-layout answer to an ApiVersions request of a version outside the accepted range: UNSUPPORTED_VERSION
     * and the ApiVersions entry alone, so the client can retry at a version the broker serves.
     *
     * @throws IllegalStateException if {@code registry} holds no ApiVersions registration
     */
    public static Response unsupportedVersion(ApiRegistry registry) {
        ApiRegistry.Registration own = registry.registration(ApiKey.API_VERSIONS);
        if (own == null) {
            throw new IllegalStateException("ApiVersions is not registered");
        }
        Struct body = ApiVersionsResponse.SCHEMA.newStruct().set("errorCode", Errors.UNSUPPORTED_VERSION.code());
        addApi(body, ApiKey.API_VERSIONS, own);
        return Response.of(body, (short) 0);
    }

    private static void addApi(Struct body, ApiKey api, ApiRegistry.Registration r) {
        body.addElement("apiKeys")
            .set("apiKey", api.id())
            .set("minVersion", r.advertised().lowest())
            .set("maxVersion", r.advertised().highest());
    }
}
