package io.tributary.broker.network;

import io.tributary.protocol.types.Struct;

/**
 * The one place that decides what a failed handler means on the wire: an error response body, or (when it
 * returns null) closing the connection. The default, {@link #CLOSE_CONNECTION}, always closes; a later per-API
 * mapping of exceptions to error codes plugs in here. Must be thread-safe; called on the connection's event loop
 * or the thread that failed the handler's future.
 */
@FunctionalInterface
public interface FailureResponder {
    /** Never answers: every handler failure closes the connection. */
    FailureResponder CLOSE_CONNECTION = (context, request, error) -> null;

    /**
     * @param context the failed request's context
     * @param request the decoded request body
     * @param error   what the handler threw or failed its future with (unwrapped from CompletionException)
     * @return the response to send instead, or null to close the connection
     */
    Response responseFor(RequestContext context, Struct request, Throwable error);
}
