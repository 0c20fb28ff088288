package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the DeleteRecordsResponse response body of API key 21: versions 0-2, flexible from v2.
 */
public final class DeleteRecordsResponse {
    static final StructSchema DELETE_RECORDS_PARTITION_RESULT = struct("DeleteRecordsPartitionResult",
        field("partitionIndex", INT32, "0+"),
        field("lowWatermark", INT64, "0+"),
        field("errorCode", INT16, "0+"));

    static final StructSchema DELETE_RECORDS_TOPIC_RESULT = struct("DeleteRecordsTopicResult",
        field("name", STRING, "0+"),
        field("partitions", arrayOf(DELETE_RECORDS_PARTITION_RESULT), "0+"));

    public static final MessageSchema SCHEMA = message("DeleteRecordsResponse", 21, "0-2", "2+",
        field("throttleTimeMs", INT32, "0+"),
        field("topics", arrayOf(DELETE_RECORDS_TOPIC_RESULT), "0+"));

    private DeleteRecordsResponse() {
    }
}
