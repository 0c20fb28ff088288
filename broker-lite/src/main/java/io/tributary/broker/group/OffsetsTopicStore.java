package io.tributary.broker.group;

import io.tributary.broker.cluster.TopicRegistry;
import io.tributary.broker.log.LogReadResult;
import io.tributary.broker.log.LogStore;
import io.tributary.broker.log.PartitionLog;
import io.tributary.common.Errors;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.record.MemoryRecords;
import io.tributary.record.Record;
import io.tributary.record.RecordBatch;
import io.tributary.record.RecordBatchBuilder;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps committed offsets and group state in the internal compacted topic {@code __consumer_offsets}, created on the first write
 * with offsets.topic.num.partitions partitions and {@code cleanup.policy=compact}. A group's records go to
 * partition {@code abs(groupId.hashCode()) % partitions} (abs of Integer.MIN_VALUE is 0), as in Kafka.
 *
 * <p>Record layout (broker-lite's own, big-endian; strings are an int16 byte length then UTF-8, -1 for null):
 * <pre>
 committed offset
 * key   v1: int16 version=1, string group, string topic, int32 partition
 * value v1: int16 version=1, int64 offset, int32 leaderEpoch, nullable string metadata, int64 commitTimestampMs
 * group state
 * key   v2: int16 version=2, string group
 * value v1: int16 version=1, nullable string protocolType, int32 generation, nullable string protocolName,
 *           nullable string leader, int64 stateTimestampMs, int32 memberCount, then per member:
 *           string memberId, nullable string groupInstanceId, nullable string clientId, nullable string clientHost,
 *           int32 sessionTimeoutMs, int32 rebalanceTimeoutMs, bytes subscription, bytes assignment
 *           (bytes: an int32 length then the bytes)
 * </pre>
 * A null value (tombstone) deletes the key. Records with other key or value versions are skipped on load. One
 * commit is one append (split into batches of at most about 256 KiB), so it is written entirely or not at all.
 */
public final class OffsetsTopicStore implements OffsetStore {
    /** The internal topic's name. */
    public static final String TOPIC = "__consumer_offsets";
    private static final Logger LOG = LoggerFactory.getLogger(OffsetsTopicStore.class);
    private static final short KEY_VERSION = 1;
    private static final short GROUP_KEY_VERSION = 2;
    private static final short GROUP_VALUE_VERSION = 1;
    private static final short VALUE_VERSION = 1;
    private static final int READ_BYTES = 1 << 20;
    /** Large commits are split into batches of about this size, well below the default max.message.bytes. */
    private static final int MAX_BATCH_BYTES = 256 * 1024;
    /** A generous bound of a record's framing (varints, attributes, deltas). */
    private static final int RECORD_OVERHEAD = 32;

    private final TopicRegistry topics;
    private final LogStore logs;
    private final Time time;
    private final int partitions;

    public OffsetsTopicStore(TopicRegistry topics, LogStore logs, Time time, int partitions) {
        this.topics = topics;
        this.logs = logs;
        this.time = time;
        this.partitions = partitions;
    }

    /** Kafka's group → partition mapping. */
    public static int partitionFor(String groupId, int partitions) {
        int h = groupId.hashCode();
        return (h == Integer.MIN_VALUE ? 0 : Math.abs(h)) % partitions;
    }

    @Override
    public void write(String groupId, Map<TopicPartition, CommittedOffset> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        List<byte[][]> records = new ArrayList<>();
        for (Map.Entry<TopicPartition, CommittedOffset> e : offsets.entrySet()) {
            records.add(new byte[][] {key(groupId, e.getKey()), e.getValue() == null ? null : value(e.getValue())});
        }
        append(groupId, records);
    }

    @Override
    public void writeGroup(String groupId, GroupSnapshot group) {
        List<byte[][]> records = new ArrayList<>();
        records.add(new byte[][] {groupKey(groupId), group == null ? null : groupValue(group)});
        append(groupId, records);
    }

    /** Appends key/value pairs (null value: tombstone) of one group as one append. */
    private void append(String groupId, List<byte[][]> records) {
        TopicRegistry.Topic topic = ensureTopic();
        TopicPartition tp = new TopicPartition(TOPIC, partitionFor(groupId, topic.partitions()));
        PartitionLog log = logs.getOrCreate(tp, topics.logConfig(TOPIC));
        long now = time.milliseconds();
        List<ByteBuffer> batches = new ArrayList<>();
        RecordBatchBuilder batch = new RecordBatchBuilder(0);
        int batchBytes = 0;
        for (byte[][] kv : records) {
            byte[] key = kv[0];
            byte[] value = kv[1];
            int size = key.length + (value == null ? 0 : value.length) + RECORD_OVERHEAD;
            if (batchBytes > 0 && batchBytes + size > MAX_BATCH_BYTES) {
                batches.add(batch.build());
                batch = new RecordBatchBuilder(0);
                batchBytes = 0;
            }
            batch.append(now, key, value);
            batchBytes += size;
        }
        batches.add(batch.build());
        ByteBuffer all = ByteBuffer.allocate(batches.stream().mapToInt(ByteBuffer::remaining).sum());
        batches.forEach(all::put);
        log.append(all.flip()); // one append: all batches or none
    }

    private synchronized TopicRegistry.Topic ensureTopic() {
        Optional<TopicRegistry.Topic> t = topics.get(TOPIC);
        if (t.isPresent()) {
            return t.get();
        }
        LOG.info("creating {} with {} partitions", TOPIC, partitions);
        try {
            return topics.create(TOPIC, partitions, Map.of("cleanup.policy", "compact",
                "segment.bytes", String.valueOf(100 * 1024 * 1024)));
        } catch (TributaryException e) {
            if (e.error() == Errors.TOPIC_ALREADY_EXISTS) {
                return topics.get(TOPIC).orElseThrow();
            }
            throw e;
        }
    }

    @Override
    public void load(Loader loader) {
        Optional<TopicRegistry.Topic> topic = topics.get(TOPIC);
        if (topic.isEmpty()) {
            return;
        }
        for (int p = 0; p < topic.get().partitions(); p++) {
            Optional<PartitionLog> log = logs.get(new TopicPartition(TOPIC, p));
            if (log.isPresent()) {
                loadPartition(log.get(), loader);
            }
        }
    }

    private void loadPartition(PartitionLog log, Loader loader) {
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            LogReadResult read = log.read(offset, READ_BYTES, true);
            ByteBuffer buf = read.records().read();
            long next = offset;
            for (RecordBatch batch : MemoryRecords.readableRecords(buf).batches()) {
                if (!batch.isControlBatch()) {
                    for (Record r : batch.records()) {
                        if (r.offset() >= offset) {
                            apply(r, loader);
                        }
                    }
                }
                next = batch.nextOffset();
            }
            if (next <= offset) {
                break;
            }
            offset = next;
        }
    }

    private static void apply(Record r, Loader loader) {
        if (!r.hasKey()) {
            return;
        }
        try {
            ByteBuffer k = ByteBuffer.wrap(r.key());
            short keyVersion = k.getShort();
            if (keyVersion == GROUP_KEY_VERSION) {
                applyGroup(readString(k), r, loader);
                return;
            }
            if (keyVersion != KEY_VERSION) {
                return;
            }
            String group = readString(k);
            String topic = readString(k);
            int partition = k.getInt();
            TopicPartition tp = new TopicPartition(topic, partition);
            if (!r.hasValue()) {
                loader.accept(group, tp, null);
                return;
            }
            ByteBuffer v = ByteBuffer.wrap(r.value());
            if (v.getShort() != VALUE_VERSION) {
                return;
            }
            long offset = v.getLong();
            int epoch = v.getInt();
            String metadata = readString(v);
            long ts = v.getLong();
            loader.accept(group, tp, new CommittedOffset(offset, epoch, metadata, ts));
        } catch (BufferUnderflowException e) {
            LOG.warn("skipping a malformed record at offset {} of {}", r.offset(), TOPIC);
        }
    }

    private static void applyGroup(String group, Record r, Loader loader) {
        if (!r.hasValue()) {
            loader.acceptGroup(group, null);
            return;
        }
        ByteBuffer v = ByteBuffer.wrap(r.value());
        if (v.getShort() != GROUP_VALUE_VERSION) {
            return;
        }
        String protocolType = readString(v);
        int generation = v.getInt();
        String protocolName = readString(v);
        String leader = readString(v);
        long stateTs = v.getLong();
        int count = v.getInt();
        List<GroupSnapshot.MemberSnapshot> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(new GroupSnapshot.MemberSnapshot(readString(v), readString(v), readString(v), readString(v),
                v.getInt(), v.getInt(), readBytes(v), readBytes(v)));
        }
        loader.acceptGroup(group, new GroupSnapshot(protocolType, generation, protocolName, leader, stateTs,
            members));
    }

    static byte[] groupKey(String group) {
        byte[] g = group.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 2 + g.length).putShort(GROUP_KEY_VERSION).putShort((short) g.length).put(g)
            .array();
    }

    static byte[] groupValue(GroupSnapshot s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        try {
            out.writeShort(GROUP_VALUE_VERSION);
            writeString(out, s.protocolType());
            out.writeInt(s.generationId());
            writeString(out, s.protocolName());
            writeString(out, s.leaderId());
            out.writeLong(s.stateTimestampMs());
            out.writeInt(s.members().size());
            for (GroupSnapshot.MemberSnapshot m : s.members()) {
                writeString(out, m.memberId());
                writeString(out, m.groupInstanceId());
                writeString(out, m.clientId());
                writeString(out, m.clientHost());
                out.writeInt(m.sessionTimeoutMs());
                out.writeInt(m.rebalanceTimeoutMs());
                out.writeInt(m.subscription().length);
                out.write(m.subscription());
                out.writeInt(m.assignment().length);
                out.write(m.assignment());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen in memory
        }
        return bytes.toByteArray();
    }

    private static void writeString(java.io.DataOutputStream out, String s) throws java.io.IOException {
        if (s == null) {
            out.writeShort(-1);
        } else {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeShort(b.length);
            out.write(b);
        }
    }

    private static byte[] readBytes(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return bytes;
    }

    static byte[] key(String group, TopicPartition tp) {
        byte[] g = group.getBytes(StandardCharsets.UTF_8);
        byte[] t = tp.topic().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 2 + g.length + 2 + t.length + 4).putShort(KEY_VERSION)
            .putShort((short) g.length).put(g).putShort((short) t.length).put(t).putInt(tp.partition()).array();
    }

    static byte[] value(CommittedOffset o) {
        byte[] md = o.metadata() == null ? null : o.metadata().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + 8 + 4 + 2 + (md == null ? 0 : md.length) + 8).putShort(VALUE_VERSION)
            .putLong(o.offset()).putInt(o.leaderEpoch());
        if (md == null) {
            b.putShort((short) -1);
        } else {
            b.putShort((short) md.length).put(md);
        }
        return b.putLong(o.commitTimestampMs()).array();
    }

    private static String readString(ByteBuffer b) {
        short len = b.getShort();
        if (len < 0) {
            return null;
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
