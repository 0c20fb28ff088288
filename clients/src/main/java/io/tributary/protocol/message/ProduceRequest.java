package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the ProduceRequest request body of API key 0: versions 3-13, flexible from v9.
 */
public final class ProduceRequest {
    static final StructSchema PARTITION_PRODUCE_DATA = struct("PartitionProduceData",
        field("index", INT32, "0+"),
        field("records", RECORDS, "0+").nullable("0+"));

    static final StructSchema TOPIC_PRODUCE_DATA = struct("TopicProduceData",
        field("name", STRING, "0-12"),
        field("topicId", UUID, "13+"),
        field("partitionData", arrayOf(PARTITION_PRODUCE_DATA), "0+"));

    public static final MessageSchema SCHEMA = message("ProduceRequest", 0, "3-13", "9+",
        field("transactionalId", STRING, "3+").nullable("3+").defaults("null"),
        field("acks", INT16, "0+"),
        field("timeoutMs", INT32, "0+"),
        field("topicData", arrayOf(TOPIC_PRODUCE_DATA), "0+"));

    private ProduceRequest() {
    }
}
