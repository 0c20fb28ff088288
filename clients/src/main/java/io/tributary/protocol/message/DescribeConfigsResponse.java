package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the DescribeConfigsResponse response body of API key 32: versions 1-4, flexible from v4.
 */
public final class DescribeConfigsResponse {
    static final StructSchema DESCRIBE_CONFIGS_SYNONYM = struct("DescribeConfigsSynonym",
        field("name", STRING, "1+"),
        field("value", STRING, "1+").nullable("0+"),
        field("source", INT8, "1+"));

    static final StructSchema DESCRIBE_CONFIGS_RESOURCE_RESULT = struct("DescribeConfigsResourceResult",
        field("name", STRING, "0+"),
        field("value", STRING, "0+").nullable("0+"),
        field("readOnly", BOOL, "0+"),
        field("configSource", INT8, "1+").defaults("-1"),
        field("isSensitive", BOOL, "0+"),
        field("synonyms", arrayOf(DESCRIBE_CONFIGS_SYNONYM), "1+"),
        field("configType", INT8, "3+").defaults("0"),
        field("documentation", STRING, "3+").nullable("0+"));

    static final StructSchema DESCRIBE_CONFIGS_RESULT = struct("DescribeConfigsResult",
        field("errorCode", INT16, "0+"),
        field("errorMessage", STRING, "0+").nullable("0+"),
        field("resourceType", INT8, "0+"),
        field("resourceName", STRING, "0+"),
        field("configs", arrayOf(DESCRIBE_CONFIGS_RESOURCE_RESULT), "0+"));

    public static final MessageSchema SCHEMA = message("DescribeConfigsResponse", 32, "1-4", "4+",
        field("throttleTimeMs", INT32, "0+"),
        field("results", arrayOf(DESCRIBE_CONFIGS_RESULT), "0+"));

    private DescribeConfigsResponse() {
    }
}
