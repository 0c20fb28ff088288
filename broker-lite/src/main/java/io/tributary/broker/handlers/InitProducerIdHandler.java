package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.message.InitProducerIdResponse;
import io.tributary.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/**
 * InitProducerId (key 22), versions 0–5, for idempotent producers without a transactional id: a producer id unique
 * across restarts and epoch 0. A transactional id is answered with TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
 * transactions are not supported yet.
 */
public final class InitProducerIdHandler implements ApiHandler {
    private final BrokerContext broker;

    public InitProducerIdHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Struct response = InitProducerIdResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        if (request.getString("transactionalId") != null) {
            response.set("errorCode", Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code())
                .set("producerEpoch", (short) -1);
        } else {
            response.set("errorCode", Errors.NONE.code()).set("producerId", broker.nextProducerId())
                .set("producerEpoch", (short) 0);
        }
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
