package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the DescribeConfigsRequest request body of API key 32: versions 1-4, flexible from v4.
 */
public final class DescribeConfigsRequest {
    static final StructSchema DESCRIBE_CONFIGS_RESOURCE = struct("DescribeConfigsResource",
        field("resourceType", INT8, "0+"),
        field("resourceName", STRING, "0+"),
        field("configurationKeys", arrayOf(STRING), "0+").nullable("0+"));

    public static final MessageSchema SCHEMA = message("DescribeConfigsRequest", 32, "1-4", "4+",
        field("resources", arrayOf(DESCRIBE_CONFIGS_RESOURCE), "0+"),
        field("includeSynonyms", BOOL, "1+").defaults("false"),
        field("includeDocumentation", BOOL, "3+").defaults("false"));

    private DescribeConfigsRequest() {
    }
}
