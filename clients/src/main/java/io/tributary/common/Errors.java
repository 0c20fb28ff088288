package io.tributary.common;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka's error codes: one table shared by clients and broker. Each entry has the code sent on the wire, whether
 * retrying may succeed, and a short default message. Codes this table does not know map to
 * {@link #UNKNOWN_SERVER_ERROR} through {@link #forCode(short)}.
 */
public enum Errors {
    UNKNOWN_SERVER_ERROR(-1, false, "The server hit an unexpected error."),
    NONE(0, false, "No error."),
    OFFSET_OUT_OF_RANGE(1, false, "The requested offset is outside the range the partition holds."),
    CORRUPT_MESSAGE(2, true, "A record batch failed its CRC check, has a bad length or is otherwise corrupt."),
    UNKNOWN_TOPIC_OR_PARTITION(3, true, "The topic or partition does not exist on this broker."),
    INVALID_FETCH_SIZE(4, false, "The requested fetch size is invalid."),
    LEADER_NOT_AVAILABLE(5, true, "The partition has no leader right now."),
    NOT_LEADER_OR_FOLLOWER(6, true, "This broker is not the leader or a follower of the partition."),
    REQUEST_TIMED_OUT(7, true, "The request timed out."),
    BROKER_NOT_AVAILABLE(8, false, "The broker is not available."),
    REPLICA_NOT_AVAILABLE(9, true, "The replica is not available for the partition."),
    MESSAGE_TOO_LARGE(10, false, "The record batch is larger than the broker or topic allows."),
    STALE_CONTROLLER_EPOCH(11, false, "The controller epoch is stale."),
    OFFSET_METADATA_TOO_LARGE(12, false, "The offset commit metadata is too long."),
    NETWORK_EXCEPTION(13, true, "The connection was closed before a response arrived."),
    COORDINATOR_LOAD_IN_PROGRESS(14, true, "The coordinator is still loading its state."),
    COORDINATOR_NOT_AVAILABLE(15, true, "The coordinator is not available."),
    NOT_COORDINATOR(16, true, "This broker is not the coordinator for the key."),
    INVALID_TOPIC_EXCEPTION(17, false, "The topic name is not valid."),
    RECORD_LIST_TOO_LARGE(18, false, "The request's record data exceeds the segment size."),
    NOT_ENOUGH_REPLICAS(19, true, "There are fewer in-sync replicas than required."),
    NOT_ENOUGH_REPLICAS_AFTER_APPEND(20, true, "The write was appended with fewer in-sync replicas than required."),
    INVALID_REQUIRED_ACKS(21, false, "The acks value must be -1, 0 or 1."),
    ILLEGAL_GENERATION(22, false, "The group generation is not the current one."),
    INCONSISTENT_GROUP_PROTOCOL(23, false, "The member's protocol type or protocols do not match the group's."),
    INVALID_GROUP_ID(24, false, "The group id is not valid."),
    UNKNOWN_MEMBER_ID(25, false, "The coordinator does not know this member id."),
    INVALID_SESSION_TIMEOUT(26, false, "The session timeout is outside the range the broker allows."),
    REBALANCE_IN_PROGRESS(27, false, "The group is rebalancing; rejoin."),
    INVALID_COMMIT_OFFSET_SIZE(28, false, "The committed offset data is too large."),
    TOPIC_AUTHORIZATION_FAILED(29, false, "Not authorized to access the topics."),
    GROUP_AUTHORIZATION_FAILED(30, false, "Not authorized to access the group."),
    CLUSTER_AUTHORIZATION_FAILED(31, false, "Not authorized for this cluster operation."),
    INVALID_TIMESTAMP(32, false, "A timestamp is outside the allowed range."),
    UNSUPPORTED_SASL_MECHANISM(33, false, "The broker does not support this SASL mechanism."),
    ILLEGAL_SASL_STATE(34, false, "The request is not valid in the current SASL state."),
    UNSUPPORTED_VERSION(35, false, "The broker does not support this request version."),
    TOPIC_ALREADY_EXISTS(36, false, "A topic with this name already exists."),
    INVALID_PARTITIONS(37, false, "The number of partitions is not valid."),
    INVALID_REPLICATION_FACTOR(38, false, "The replication factor is not valid."),
    INVALID_REPLICA_ASSIGNMENT(39, false, "The replica assignment is not valid."),
    INVALID_CONFIG(40, false, "A configuration value is not valid."),
    NOT_CONTROLLER(41, true, "This broker is not the controller."),
    INVALID_REQUEST(42, false, "The request is malformed or not valid for this broker."),
    UNSUPPORTED_FOR_MESSAGE_FORMAT(43, false, "The record format does not support this request."),
    POLICY_VIOLATION(44, false, "The request breaks a configured policy."),
    OUT_OF_ORDER_SEQUENCE_NUMBER(45, false, "The producer sequence number is not the next one expected."),
    DUPLICATE_SEQUENCE_NUMBER(46, false, "The producer sequence number was already written."),
    INVALID_PRODUCER_EPOCH(47, false, "The producer epoch is older than the current one."),
    INVALID_TXN_STATE(48, false, "The transaction is not in a state that allows this operation."),
    INVALID_PRODUCER_ID_MAPPING(49, false, "The producer id does not match the transactional id."),
    INVALID_TRANSACTION_TIMEOUT(50, false, "The transaction timeout is larger than the broker allows."),
    CONCURRENT_TRANSACTIONS(51, true, "Another transaction operation is in progress."),
    TRANSACTION_COORDINATOR_FENCED(52, false, "A newer transaction coordinator has taken over."),
    TRANSACTIONAL_ID_AUTHORIZATION_FAILED(53, false, "Not authorized to use this transactional id."),
    SECURITY_DISABLED(54, false, "Security features are disabled."),
    OPERATION_NOT_ATTEMPTED(55, false, "The operation was not attempted because another in the batch failed."),
    KAFKA_STORAGE_ERROR(56, true, "The log directory failed."),
    LOG_DIR_NOT_FOUND(57, false, "The log directory does not exist."),
    SASL_AUTHENTICATION_FAILED(58, false, "SASL authentication failed."),
    UNKNOWN_PRODUCER_ID(59, false, "The broker has no state for this producer id."),
    REASSIGNMENT_IN_PROGRESS(60, false, "A partition reassignment is in progress."),
    DELEGATION_TOKEN_AUTH_DISABLED(61, false, "Delegation tokens are disabled."),
    DELEGATION_TOKEN_NOT_FOUND(62, false, "The delegation token was not found."),
    DELEGATION_TOKEN_OWNER_MISMATCH(63, false, "The principal does not own the delegation token."),
    DELEGATION_TOKEN_REQUEST_NOT_ALLOWED(64, false, "Delegation token requests are not allowed on this channel."),
    DELEGATION_TOKEN_AUTHORIZATION_FAILED(65, false, "Not authorized for delegation tokens."),
    DELEGATION_TOKEN_EXPIRED(66, false, "The delegation token has expired."),
    INVALID_PRINCIPAL_TYPE(67, false, "The principal type is not supported."),
    NON_EMPTY_GROUP(68, false, "The group still has members."),
    GROUP_ID_NOT_FOUND(69, false, "The group does not exist."),
    FETCH_SESSION_ID_NOT_FOUND(70, true, "The fetch session was not found."),
    INVALID_FETCH_SESSION_EPOCH(71, true, "The fetch session epoch is not valid."),
    LISTENER_NOT_FOUND(72, true, "The leader has no endpoint for the listener the request came in on."),
    TOPIC_DELETION_DISABLED(73, false, "Topic deletion is disabled."),
    FENCED_LEADER_EPOCH(74, true, "The leader epoch in the request is older than the broker's."),
    UNKNOWN_LEADER_EPOCH(75, true, "The leader epoch in the request is newer than the broker's."),
    UNSUPPORTED_COMPRESSION_TYPE(76, false, "The compression type is not supported by this request version."),
    STALE_BROKER_EPOCH(77, false, "The broker epoch is stale."),
    OFFSET_NOT_AVAILABLE(78, true, "The offset is not available yet."),
    MEMBER_ID_REQUIRED(79, false, "The group member must rejoin with the member id it was given."),
    PREFERRED_LEADER_NOT_AVAILABLE(80, true, "The preferred leader is not available."),
    GROUP_MAX_SIZE_REACHED(81, false, "The group is at its maximum size."),
    FENCED_INSTANCE_ID(82, false, "Another member with the same group.instance.id has taken over."),
    ELIGIBLE_LEADERS_NOT_AVAILABLE(83, true, "No eligible leader is available."),
    ELECTION_NOT_NEEDED(84, true, "The leader election is not needed."),
    NO_REASSIGNMENT_IN_PROGRESS(85, false, "No partition reassignment is in progress."),
    GROUP_SUBSCRIBED_TO_TOPIC(86, false, "The group is still subscribed to the topic."),
    INVALID_RECORD(87, false, "A record failed validation on the broker."),
    UNSTABLE_OFFSET_COMMIT(88, true, "There are unstable offsets waiting for a transaction to finish."),
    THROTTLING_QUOTA_EXCEEDED(89, true, "The throttling quota is exceeded."),
    PRODUCER_FENCED(90, false, "A newer producer with the same transactional id has fenced this one."),
    RESOURCE_NOT_FOUND(91, false, "The resource does not exist."),
    DUPLICATE_RESOURCE(92, false, "The resource is named more than once in the request."),
    UNACCEPTABLE_CREDENTIAL(93, false, "The credential does not meet the broker's requirements."),
    INCONSISTENT_VOTER_SET(94, false, "The voter set is not consistent."),
    INVALID_UPDATE_VERSION(95, false, "The update version is not valid."),
    FEATURE_UPDATE_FAILED(96, false, "The feature update failed."),
    PRINCIPAL_DESERIALIZATION_FAILURE(97, false, "The principal could not be deserialized."),
    SNAPSHOT_NOT_FOUND(98, false, "The snapshot was not found."),
    POSITION_OUT_OF_RANGE(99, false, "The position is outside the snapshot."),
    UNKNOWN_TOPIC_ID(100, true, "The broker does not know this topic id."),
    DUPLICATE_BROKER_REGISTRATION(101, false, "The broker registration is a duplicate."),
    BROKER_ID_NOT_REGISTERED(102, false, "The broker id is not registered."),
    INCONSISTENT_TOPIC_ID(103, true, "The topic id does not match the topic name's id."),
    INCONSISTENT_CLUSTER_ID(104, false, "The cluster id does not match."),
    TRANSACTIONAL_ID_NOT_FOUND(105, false, "The transactional id was not found."),
    FETCH_SESSION_TOPIC_ID_ERROR(106, true, "The fetch session has a topic id problem."),
    INELIGIBLE_REPLICA(107, false, "The replica is not eligible for leadership."),
    NEW_LEADER_ELECTED(108, false, "A new leader was elected."),
    OFFSET_MOVED_TO_TIERED_STORAGE(109, false, "The offset was moved to tiered storage."),
    FENCED_MEMBER_EPOCH(110, false, "The member epoch is fenced."),
    UNRELEASED_INSTANCE_ID(111, false, "The instance id is still in use by another member."),
    UNSUPPORTED_ASSIGNOR(112, false, "The assignor is not supported."),
    STALE_MEMBER_EPOCH(113, false, "The member epoch is stale."),
    MISMATCHED_ENDPOINT_TYPE(114, false, "The request was sent to an endpoint of the wrong type."),
    UNSUPPORTED_ENDPOINT_TYPE(115, false, "This endpoint type is not supported."),
    UNKNOWN_CONTROLLER_ID(116, false, "The controller id is not known."),
    UNKNOWN_SUBSCRIPTION_ID(117, false, "The client telemetry subscription id is not known."),
    TELEMETRY_TOO_LARGE(118, false, "The client telemetry payload is too large."),
    INVALID_REGISTRATION(119, false, "The broker registration is not valid."),
    TRANSACTION_ABORTABLE(120, false, "The transaction must be aborted.");

    private static final Map<Short, Errors> BY_CODE = new HashMap<>();

    static {
        for (Errors e : values()) {
            BY_CODE.put(e.code, e);
        }
    }

    private final short code;
    private final boolean retriable;
    private final String message;

    Errors(int code, boolean retriable, String message) {
        this.code = (short) code;
        this.retriable = retriable;
        this.message = message;
    }

    /** The code on the wire. */
    public short code() {
        return code;
    }

    /** Whether retrying the same request may succeed. */
    public boolean isRetriable() {
        return retriable;
    }

    /** A short default description. */
    public String message() {
        return message;
    }

    /** The entry for {@code code}, or {@link #UNKNOWN_SERVER_ERROR} for a code this table does not know. */
    public static Errors forCode(short code) {
        Errors e = BY_CODE.get(code);
        return e == null ? UNKNOWN_SERVER_ERROR : e;
    }

    /** An exception carrying this error and {@code detail} (or the default message when detail is null). */
    public TributaryException exception(String detail) {
        return new TributaryException(this, detail == null ? message : detail);
    }
}
