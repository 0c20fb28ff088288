package io.tributary.clients.admin.internals;

import io.tributary.clients.admin.MemberAssignment;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the assignment bytes a consumer group's leader hands each member in SyncGroup (Kafka's
 * ConsumerProtocolAssignment, versions 0-3, never flexible):
 *
 * <pre>
 *   int16  version
 *   int32  topic count, then per topic:
 *            int16 name length, UTF-8 name
 *            int32 partition count, int32 partition...
 *   int32  user data length (-1: null), bytes      (may be absent in bytes from old clients)
 * </pre>
 */
public final class ConsumerAssignmentDecoder {
    private ConsumerAssignmentDecoder() {
    }

    /** The assignment in {@code bytes}; {@link MemberAssignment#EMPTY} for no bytes. */
    public static MemberAssignment decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return MemberAssignment.EMPTY;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            short version = b.getShort();
            int topics = b.getInt();
            checkCount(topics, b, 6);
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < topics; i++) {
                short len = b.getShort();
                if (len < 0 || len > b.remaining()) {
                    throw new IllegalArgumentException("topic name length " + len);
                }
                byte[] name = new byte[len];
                b.get(name);
                String topic = new String(name, StandardCharsets.UTF_8);
                int n = b.getInt();
                checkCount(n, b, 4);
                for (int j = 0; j < n; j++) {
                    partitions.add(new TopicPartition(topic, b.getInt()));
                }
            }
            byte[] userData = null;
            if (b.remaining() >= 4) {
                int len = b.getInt();
                if (len > b.remaining()) {
                    throw new IllegalArgumentException("user data length " + len);
                }
                if (len >= 0) {
                    userData = new byte[len];
                    b.get(userData);
                }
            }
            return new MemberAssignment(version, partitions, userData);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new TributaryException(Errors.CORRUPT_MESSAGE, "malformed consumer assignment ("
                + bytes.length + " bytes): " + (e.getMessage() == null ? "truncated" : e.getMessage()), e);
        }
    }

    private static void checkCount(int count, ByteBuffer b, int minBytesEach) {
        if (count < 0 || (long) count * minBytesEach > b.remaining()) {
            throw new IllegalArgumentException("array length " + count);
        }
    }
}
