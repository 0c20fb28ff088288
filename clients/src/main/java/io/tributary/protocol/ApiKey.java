package io.tributary.protocol;

import io.tributary.protocol.message.*;
import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.Versions;

/**
 * The Kafka APIs Tributary's codecs implement: per API its key, the request and response descriptions, the
 * version range the codecs read and write, and the first flexible version. Which versions a broker advertises is
 * the broker's choice within these ranges.
 */
public enum ApiKey {
    PRODUCE(0, ProduceRequest.SCHEMA, ProduceResponse.SCHEMA),
    FETCH(1, FetchRequest.SCHEMA, FetchResponse.SCHEMA),
    LIST_OFFSETS(2, ListOffsetsRequest.SCHEMA, ListOffsetsResponse.SCHEMA),
    METADATA(3, MetadataRequest.SCHEMA, MetadataResponse.SCHEMA),
    OFFSET_COMMIT(8, OffsetCommitRequest.SCHEMA, OffsetCommitResponse.SCHEMA),
    OFFSET_FETCH(9, OffsetFetchRequest.SCHEMA, OffsetFetchResponse.SCHEMA),
    FIND_COORDINATOR(10, FindCoordinatorRequest.SCHEMA, FindCoordinatorResponse.SCHEMA),
    JOIN_GROUP(11, JoinGroupRequest.SCHEMA, JoinGroupResponse.SCHEMA),
    HEARTBEAT(12, HeartbeatRequest.SCHEMA, HeartbeatResponse.SCHEMA),
    LEAVE_GROUP(13, LeaveGroupRequest.SCHEMA, LeaveGroupResponse.SCHEMA),
    SYNC_GROUP(14, SyncGroupRequest.SCHEMA, SyncGroupResponse.SCHEMA),
    DESCRIBE_GROUPS(15, DescribeGroupsRequest.SCHEMA, DescribeGroupsResponse.SCHEMA),
    LIST_GROUPS(16, ListGroupsRequest.SCHEMA, ListGroupsResponse.SCHEMA),
    SASL_HANDSHAKE(17, SaslHandshakeRequest.SCHEMA, SaslHandshakeResponse.SCHEMA),
    API_VERSIONS(18, ApiVersionsRequest.SCHEMA, ApiVersionsResponse.SCHEMA),
    CREATE_TOPICS(19, CreateTopicsRequest.SCHEMA, CreateTopicsResponse.SCHEMA),
    DELETE_TOPICS(20, DeleteTopicsRequest.SCHEMA, DeleteTopicsResponse.SCHEMA),
    DELETE_RECORDS(21, DeleteRecordsRequest.SCHEMA, DeleteRecordsResponse.SCHEMA),
    INIT_PRODUCER_ID(22, InitProducerIdRequest.SCHEMA, InitProducerIdResponse.SCHEMA),
    OFFSET_FOR_LEADER_EPOCH(23, OffsetForLeaderEpochRequest.SCHEMA, OffsetForLeaderEpochResponse.SCHEMA),
    DESCRIBE_CONFIGS(32, DescribeConfigsRequest.SCHEMA, DescribeConfigsResponse.SCHEMA),
    SASL_AUTHENTICATE(36, SaslAuthenticateRequest.SCHEMA, SaslAuthenticateResponse.SCHEMA),
    CREATE_PARTITIONS(37, CreatePartitionsRequest.SCHEMA, CreatePartitionsResponse.SCHEMA),
    DELETE_GROUPS(42, DeleteGroupsRequest.SCHEMA, DeleteGroupsResponse.SCHEMA),
    INCREMENTAL_ALTER_CONFIGS(44, IncrementalAlterConfigsRequest.SCHEMA, IncrementalAlterConfigsResponse.SCHEMA),
    OFFSET_DELETE(47, OffsetDeleteRequest.SCHEMA, OffsetDeleteResponse.SCHEMA),
    DESCRIBE_CLUSTER(60, DescribeClusterRequest.SCHEMA, DescribeClusterResponse.SCHEMA);

    private static final ApiKey[] BY_ID = new ApiKey[128];

    static {
        for (ApiKey k : values()) {
            BY_ID[k.id] = k;
        }
    }

    private final short id;
    private final MessageSchema request;
    private final MessageSchema response;

    ApiKey(int id, MessageSchema request, MessageSchema response) {
        this.id = (short) id;
        this.request = request;
        this.response = response;
        if (request.apiKey() != id || response.apiKey() != id
            || !request.validVersions().equals(response.validVersions())
            || !request.flexibleVersions().equals(response.flexibleVersions())) {
            throw new IllegalStateException("inconsistent descriptions for API key " + id);
        }
    }

    /** The key on the wire. */
    public short id() {
        return id;
    }

    public MessageSchema requestSchema() {
        return request;
    }

    public MessageSchema responseSchema() {
        return response;
    }

    /** The versions the codecs implement. */
    public Versions versions() {
        return request.validVersions();
    }

    public short oldestVersion() {
        return request.validVersions().lowest();
    }

    public short latestVersion() {
        return request.validVersions().highest();
    }

    /** The first flexible version, or -1 if the API has none. */
    public short firstFlexibleVersion() {
        Versions flex = request.flexibleVersions();
        return flex.isEmpty() ? -1 : flex.lowest();
    }

    public boolean isFlexible(short version) {
        return request.isFlexible(version);
    }

    /** Request header version for {@code version}: 2 when flexible, 1 otherwise (v0 is gone since Kafka 4.0). */
    public short requestHeaderVersion(short version) {
        return (short) (isFlexible(version) ? 2 : 1);
    }

    /**
     * Response header version for {@code version}: 1 when flexible, else 0. ApiVersions always answers with header
     * v0 so that a client can read the answer to a version the broker does not know.
     */
    public short responseHeaderVersion(short version) {
        return (short) (this != API_VERSIONS && isFlexible(version) ? 1 : 0);
    }

    /** The API with key {@code id}, or null when the codecs do not know it. */
    public static ApiKey forId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
