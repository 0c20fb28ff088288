package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.types.Struct;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * FindCoordinator (key 10), versions 0–6; v4+ looks up several keys at once. Key type 0 (group): this node
 * coordinates every group. Key type 1 (transaction): COORDINATOR_NOT_AVAILABLE, as broker-lite has no
 * transaction coordinator yet. Other key types (share groups ...): INVALID_REQUEST.
 */
public final class FindCoordinatorHandler implements ApiHandler {
    private static final byte GROUP = 0;
    private static final byte TRANSACTION = 1;
    private final BrokerContext broker;

    public FindCoordinatorHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        short version = ctx.apiVersion();
        byte keyType = version >= 1 ? request.getInt8("keyType") : GROUP;
        Struct response = FindCoordinatorResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        if (version >= 4) {
            List<String> keys = request.getArray("coordinatorKeys");
            for (String key : keys) {
                Struct c = response.addElement("coordinators").set("key", key);
                fill(c, keyType);
            }
        } else {
            fill(response, keyType);
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }

    private void fill(Struct s, byte keyType) {
        Errors error = keyType == GROUP ? Errors.NONE
            : keyType == TRANSACTION ? Errors.COORDINATOR_NOT_AVAILABLE : Errors.INVALID_REQUEST;
        if (error == Errors.NONE) {
            s.set("errorCode", Errors.NONE.code()).set("errorMessage", null).set("nodeId", broker.nodeId())
                .set("host", broker.advertised().host()).set("port", broker.advertised().port());
        } else {
            String message = keyType == TRANSACTION ? "transactions are not supported by broker-lite"
                : "unsupported coordinator key type " + keyType;
            s.set("errorCode", error.code()).set("errorMessage", message).set("nodeId", -1).set("host", "")
                .set("port", -1);
        }
    }
}
