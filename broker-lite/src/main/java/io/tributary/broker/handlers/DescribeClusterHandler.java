package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.protocol.message.DescribeClusterResponse;
import io.tributary.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/** DescribeCluster (key 60), versions 0–1: the cluster id and this node as the only broker and the controller. */
public final class DescribeClusterHandler implements ApiHandler {
    private final BrokerContext broker;

    public DescribeClusterHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        Struct response = DescribeClusterResponse.SCHEMA.newStruct().set("throttleTimeMs", 0)
            .set("errorCode", Errors.NONE.code()).set("clusterId", broker.clusterId())
            .set("controllerId", broker.nodeId()).set("endpointType", request.getInt8("endpointType"));
        response.addElement("brokers").set("brokerId", broker.nodeId()).set("host", broker.advertised().host())
            .set("port", broker.advertised().port());
        return CompletableFuture.completedFuture(Response.of(response));
    }
}
