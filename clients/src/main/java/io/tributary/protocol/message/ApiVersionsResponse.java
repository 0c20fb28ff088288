package io.tributary.protocol.message;

import static io.tributary.protocol.types.Schemas.*;

import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.StructSchema;

/**
 * Wire description of the ApiVersionsResponse response body of API key 18: versions 0-5, flexible from v3.
 */
public final class ApiVersionsResponse {
    static final StructSchema API_VERSION = struct("ApiVersion",
        field("apiKey", INT16, "0+"),
        field("minVersion", INT16, "0+"),
        field("maxVersion", INT16, "0+"));

    static final StructSchema SUPPORTED_FEATURE_KEY = struct("SupportedFeatureKey",
        field("name", STRING, "3+"),
        field("minVersion", INT16, "3+"),
        field("maxVersion", INT16, "3+"));

    static final StructSchema FINALIZED_FEATURE_KEY = struct("FinalizedFeatureKey",
        field("name", STRING, "3+"),
        field("maxVersionLevel", INT16, "3+"),
        field("minVersionLevel", INT16, "3+"));

    public static final MessageSchema SCHEMA = message("ApiVersionsResponse", 18, "0-5", "3+",
        field("errorCode", INT16, "0+"),
        field("apiKeys", arrayOf(API_VERSION), "0+"),
        field("throttleTimeMs", INT32, "1+"),
        field("supportedFeatures", arrayOf(SUPPORTED_FEATURE_KEY), "3+").tagged(0, "3+"),
        field("finalizedFeaturesEpoch", INT64, "3+").tagged(1, "3+").defaults("-1"),
        field("finalizedFeatures", arrayOf(FINALIZED_FEATURE_KEY), "3+").tagged(2, "3+"),
        field("zkMigrationReady", BOOL, "3+").tagged(3, "3+").defaults("false"));

    private ApiVersionsResponse() {
    }
}
