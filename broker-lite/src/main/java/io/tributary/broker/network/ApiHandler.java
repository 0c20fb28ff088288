package io.tributary.broker.network;

import io.tributary.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/**
 * Handles the requests of one API. Called on the connection's event loop, so it must not block: slow work goes
 * elsewhere and completes the returned future from any thread. The pipeline sends the responses of a connection
 * in request order whatever order the futures complete in. Implementations must be thread-safe when shared
 * between connections.
 *
 * <p>A handler that throws or returns a future that fails makes the server log the error and close the
 * connection (see {@link FailureResponder} to answer with an error body instead).
 */
@FunctionalInterface
public interface ApiHandler {
    /**
     * Handles one decoded request body. Records fields of {@code request} are views of the receive buffer, valid
     * until the returned future completes; copy them to keep them longer.
     *
     * @return the response, or {@link Response#NONE} to send nothing; never null
     */
    CompletableFuture<Response> handle(RequestContext context, Struct request);
}
