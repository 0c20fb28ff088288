package io.tributary.broker.network;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns one request into a future response: checks the version against the registry, decodes the body, calls
 * the handler and applies the {@link FailureResponder} to a failure. Requests that cannot be served end in
 * {@link RejectedRequestException}, meaning "close the connection". Thread-safe.
 */
final class RequestDispatcher {

    /** The request breaks the protocol or names something the broker does not serve: close the connection. */
    static final class RejectedRequestException extends RuntimeException {
        RejectedRequestException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ApiRegistry registry;
    private final FailureResponder failureResponder;

    RequestDispatcher(ApiRegistry registry, FailureResponder failureResponder) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.failureResponder = Objects.requireNonNull(failureResponder, "failureResponder");
    }

    /**
     * Dispatches the request whose header is in {@code context} and whose body starts at {@code body}'s position.
     * The future fails only when the connection must close (the handler failed and the failure responder gave
     * no answer); it never completes with null.
     *
     * @throws RejectedRequestException if the version is not served or the body does not decode
     */
    CompletableFuture<Response> dispatch(RequestContext context, ByteBuffer body) {
        ApiKey api = context.apiKey();
        short version = context.apiVersion();
        ApiRegistry.Registration reg = registry.registration(api);
        if (reg == null) {
            throw new RejectedRequestException(api + " is not served by this broker", null);
        }
        if (!reg.accepted().contains(version)) {
            if (api == ApiKey.API_VERSIONS) {
                // The body of an unknown version cannot be parsed; answer in the layout every client reads.
                return CompletableFuture.completedFuture(ApiVersionsHandler.unsupportedVersion(registry));
            }
            throw new RejectedRequestException(api + " v" + version + " is outside the accepted versions "
                + reg.accepted(), null);
        }
        Struct request;
        try {
            request = api.requestSchema().read(body, version);
        } catch (RuntimeException e) {
            throw new RejectedRequestException(api + " v" + version + " body does not decode: " + e.getMessage(), e);
        }
        CompletableFuture<Response> future;
        try {
            future = reg.handler().handle(context, request);
            if (future == null) {
                future = CompletableFuture.failedFuture(
                    new NullPointerException("handler of " + api + " returned a null future"));
            }
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        return future.handle((response, error) -> {
            if (error == null && response != null) {
                return response;
            }
            Throwable cause = error == null
                ? new NullPointerException("handler of " + api + " completed with null")
                : unwrap(error);
            Response mapped = failureResponder.responseFor(context, request, cause);
            if (mapped == null) {
                throw new CompletionException(cause);
            }
            return mapped;
        });
    }

    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (cur instanceof CompletionException && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }
}
