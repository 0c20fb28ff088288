package io.tributary.clients.consumer.internals;

import io.tributary.clients.consumer.ConsumerPartitionAssignor.Assignment;
import io.tributary.clients.consumer.ConsumerPartitionAssignor.Subscription;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.MalformedMessageException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of the "consumer" protocol type inside JoinGroup metadata and SyncGroup assignments, as every Kafka
 * consumer writes them: a version (int16) then, for a subscription, topics, user data, owned partitions (v1+),
 * generation (v2+) and rack (v3+); for an assignment, partitions by topic and user data. Newer versions are read
 * as far as this side knows them.
 */
public final class ConsumerProtocol {
    public static final short SUBSCRIPTION_VERSION = 3;
    public static final short ASSIGNMENT_VERSION = 3;

    private ConsumerProtocol() {
    }

    public static ByteBuffer encodeSubscription(Subscription s) {
        Writer w = new Writer();
        w.int16(SUBSCRIPTION_VERSION);
        w.int32(s.topics().size());
        s.topics().forEach(w::string);
        w.bytes(s.userData());
        w.partitions(s.ownedPartitions());
        w.int32(s.generationId());
        w.string(s.rackId());
        return w.done();
    }

    public static Subscription decodeSubscription(ByteBuffer in) {
        ByteBuffer b = in.duplicate();
        try {
            short version = b.getShort();
            if (version < 0) {
                throw new MalformedMessageException("subscription version " + version);
            }
            int n = count(b);
            List<String> topics = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                topics.add(string(b));
            }
            ByteBuffer userData = bytes(b);
            List<TopicPartition> owned = version >= 1 ? partitions(b) : List.of();
            int generation = version >= 2 ? b.getInt() : -1;
            String rack = version >= 3 ? string(b) : null;
            return new Subscription(topics, userData, owned, generation, rack);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new MalformedMessageException("malformed consumer subscription: " + e);
        }
    }

    public static ByteBuffer encodeAssignment(Assignment a) {
        Writer w = new Writer();
        w.int16(ASSIGNMENT_VERSION);
        w.partitions(a.partitions());
        w.bytes(a.userData());
        return w.done();
    }

    public static Assignment decodeAssignment(ByteBuffer in) {
        ByteBuffer b = in.duplicate();
        if (!b.hasRemaining()) {
            return new Assignment(List.of(), null); // an empty assignment (a member the leader left out)
        }
        try {
            short version = b.getShort();
            if (version < 0) {
                throw new MalformedMessageException("assignment version " + version);
            }
            List<TopicPartition> ps = partitions(b);
            ByteBuffer userData = b.remaining() >= 4 ? bytes(b) : null;
            return new Assignment(ps, userData);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new MalformedMessageException("malformed consumer assignment: " + e);
        }
    }

    private static int count(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return 0;
        }
        if (n > b.remaining()) {
            throw new IllegalArgumentException("array of " + n + " in " + b.remaining() + " bytes");
        }
        return n;
    }

    private static String string(ByteBuffer b) {
        short len = b.getShort();
        if (len < 0) {
            return null;
        }
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static ByteBuffer bytes(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0) {
            return null;
        }
        byte[] s = new byte[len];
        b.get(s);
        return ByteBuffer.wrap(s);
    }

    private static List<TopicPartition> partitions(ByteBuffer b) {
        int topics = count(b);
        List<TopicPartition> out = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            String topic = string(b);
            int n = count(b);
            for (int j = 0; j < n; j++) {
                out.add(new TopicPartition(topic, b.getInt()));
            }
        }
        return out;
    }

    private static final class Writer {
        private ByteBuffer buf = ByteBuffer.allocate(128);

        private void ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void int16(short v) {
            ensure(2);
            buf.putShort(v);
        }

        void int32(int v) {
            ensure(4);
            buf.putInt(v);
        }

        void string(String s) {
            if (s == null) {
                int16((short) -1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int16((short) b.length);
            ensure(b.length);
            buf.put(b);
        }

        void bytes(ByteBuffer b) {
            if (b == null) {
                int32(-1);
                return;
            }
            ByteBuffer d = b.duplicate();
            int32(d.remaining());
            ensure(d.remaining());
            buf.put(d);
        }

        void partitions(List<TopicPartition> ps) {
            Map<String, List<Integer>> byTopic = new TreeMap<>();
            ps.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(tp.partition()));
            int32(byTopic.size());
            byTopic.forEach((t, parts) -> {
                string(t);
                int32(parts.size());
                parts.forEach(this::int32);
            });
        }

        ByteBuffer done() {
            return buf.flip();
        }
    }
}
