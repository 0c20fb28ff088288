package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the DeleteRecordsRequest request body of API key 21: versions 0-2, flexible from v2.
 */
public final class DeleteRecordsRequest {
    static final StructSchema DELETE_RECORDS_PARTITION = struct("DeleteRecordsPartition",
        field("partitionIndex", INT32, "0+"),
        field("offset", INT64, "0+"));

    static final StructSchema DELETE_RECORDS_TOPIC = struct("DeleteRecordsTopic",
        field("name", STRING, "0+"),
        field("partitions", arrayOf(DELETE_RECORDS_PARTITION), "0+"));

    public static final MessageSchema SCHEMA = message("DeleteRecordsRequest", 21, "0-2", "2+",
        field("topics", arrayOf(DELETE_RECORDS_TOPIC), "0+"),
        field("timeoutMs", INT32, "0+"));

    private DeleteRecordsRequest() {
    }
}
