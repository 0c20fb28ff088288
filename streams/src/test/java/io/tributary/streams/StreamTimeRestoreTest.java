package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.MockTime;
import io.tributary.common.TopicPartition;
import io.tributary.record.Header;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Grouped;
import io.tributary.streams.kstream.JoinWindows;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.kstream.SessionWindows;
import io.tributary.streams.kstream.StreamJoined;
import io.tributary.streams.kstream.TimeWindows;
import io.tributary.streams.processor.internals.PartitionTimeMetadata;
import io.tributary.streams.processor.internals.RecordCollector;
import io.tributary.streams.processor.internals.StreamTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The partition-time encoding of commit metadata, and a task started from committed metadata: its stream time, the
 * windowed aggregation dropping a record for a window closed before, foreign metadata ignored, and each
 * sub-topology starting from the time of its own inputs.
 */
class StreamTimeRestoreTest {
    private static final String APP = "st-unit";

    /** Records what reaches the output topic (value bytes), ignoring changelogs and repartition topics. */
    private static final class OutputCollector implements RecordCollector {
        final List<Long> outputTimestamps = new ArrayList<>();
        final Map<String, List<byte[]>> byTopic = new HashMap<>();

        @Override
        public void send(String topic, Integer partition, long timestamp, List<Header> headers, byte[] key,
                         byte[] value) {
            byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(value);
            if (topic.equals("out")) {
                outputTimestamps.add(timestamp);
            }
        }

        @Override
        public void flush() {
        }
    }

    @Test
    void encodesAndDecodesAPartitionTime() {
        for (long t : new long[] {0, 1, 12_000, 1_700_000_000_000L, Long.MAX_VALUE}) {
            assertThat(PartitionTimeMetadata.decode(PartitionTimeMetadata.encode(t))).hasValue(t);
        }
        assertThat(PartitionTimeMetadata.encode(12_000)).isEqualTo("tst1:12000");
    }

    @Test
    void ignoresMetadataItDidNotWrite() {
        // Kafka Streams' own encoding: base64 of a version byte and the time
        byte[] kafka = java.nio.ByteBuffer.allocate(9).put((byte) 1).putLong(12_000).array();
        for (String foreign : new String[] {null, "", "hello", "tst1:", "tst1:abc", "tst1:12 000", "tst2:12000",
            "TST1:12000", Base64.getEncoder().encodeToString(kafka), "{\"time\":12000}",
            new String(new byte[] {(byte) 0xff, 0, 1}, StandardCharsets.ISO_8859_1)}) {
            assertThat(PartitionTimeMetadata.decode(foreign)).as(String.valueOf(foreign)).isEqualTo(OptionalLong.empty());
        }
    }

    private static Topology windowedCount(boolean rekey) {
        StreamsBuilder builder = new StreamsBuilder();
        var stream = builder.stream("in", Consumed.with(Serdes.string(), Serdes.string()));
        var grouped = rekey
            ? stream.groupBy((k, v) -> v, Grouped.<String, String>as("by-value").withKeySerde(Serdes.string()).withValueSerde(Serdes.string()))
            : stream.groupByKey();
        grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
            .count(Materialized.as("counts"))
            .toStream()
            .to("out");
        return builder.build();
    }

    private static StreamTask task(Topology topology, OutputCollector collector,
                                   Map<TopicPartition, OffsetAndMetadata> committed) {
        StreamTask task = new StreamTask(topology.internal(), APP, 0, collector, new MockTime(0), null);
        task.restorePartitionTimes(committed);
        task.initialize();
        return task;
    }

    private static void process(StreamTask task, String topic, long offset, long timestamp, String key,
                                String value) {
        task.process(topic, 0, offset, timestamp, List.of(), key.getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTaskStartsFromTheCommittedTimeAndDropsRecordsForWindowsClosedBefore() {
        OutputCollector collector = new OutputCollector();
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        committed.put(new TopicPartition("in", 0), new OffsetAndMetadata(3, "tst1:12000"));
        committed.put(new TopicPartition("in", 1), new OffsetAndMetadata(9, "tst1:99000")); // not this task's
        StreamTask task = task(windowedCount(false), collector, committed);
        assertThat(task.context().streamTime()).isEqualTo(12_000);
        assertThat(task.partitionTime("in")).isEqualTo(12_000);

        process(task, "in", 3, 5_000, "alice", "x");    // [0, 10s) closed at 12s: dropped
        assertThat(collector.outputTimestamps).isEmpty();
        assertThat(task.partitionTime("in")).isEqualTo(12_000); // a late record does not move it back
        process(task, "in", 4, 13_000, "alice", "x");   // [10s, 20s) open
        assertThat(collector.outputTimestamps).containsExactly(13_000L);
        assertThat(task.partitionTime("in")).isEqualTo(13_000);
        task.close();
    }

    @Test
    void aTaskWithForeignOrMissingMetadataStartsWithoutTimeAndRuns() {
        OutputCollector collector = new OutputCollector();
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        committed.put(new TopicPartition("in", 0), new OffsetAndMetadata(3, "written by another tool"));
        committed.put(new TopicPartition(APP + "-by-value-repartition", 0), null);
        StreamTask task = task(windowedCount(false), collector, committed);
        assertThat(task.context().streamTime()).isEqualTo(-1);
        assertThat(task.partitionTime("in")).isEqualTo(-1);

        process(task, "in", 3, 5_000, "alice", "x");    // nothing closed [0, 10s): counted
        assertThat(collector.outputTimestamps).containsExactly(5_000L);
        task.close();
    }

    @Test
    void eachSubTopologyStartsFromTheTimeOfItsOwnInputs() {
        // the source topic is at 50s, but the repartition topic feeding the count only reached 12s: records still
        // in it (sent before the stop, not yet counted) must not be judged by the source's later time
        OutputCollector collector = new OutputCollector();
        String repartition = APP + "-by-value-repartition";
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of(
            new TopicPartition("in", 0), new OffsetAndMetadata(40, "tst1:50000"),
            new TopicPartition(repartition, 0), new OffsetAndMetadata(7, "tst1:12000"));
        StreamTask task = task(windowedCount(true), collector, committed);
        assertThat(task.context().streamTime()).isEqualTo(50_000);

        process(task, repartition, 7, 11_000, "alice", "x");   // [10s, 20s) is open at 12s: counted
        assertThat(collector.outputTimestamps).containsExactly(11_000L);
        process(task, repartition, 8, 5_000, "alice", "x");    // [0, 10s) closed at 12s: dropped
        assertThat(collector.outputTimestamps).containsExactly(11_000L);
        task.close();
    }

    private static Map<TopicPartition, OffsetAndMetadata> at(long time, String... topics) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (String topic : topics) {
            out.put(new TopicPartition(topic, 0), new OffsetAndMetadata(1, PartitionTimeMetadata.encode(time)));
        }
        return out;
    }

    @Test
    void aSessionAggregationStartsFromTheCommittedTime() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.string(), Serdes.string()))
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofSeconds(5)))
            .count()
            .toStream()
            .to("out");
        Topology topology = builder.build();
        OutputCollector restored = new OutputCollector();
        StreamTask task = task(topology, restored, at(100_000, "in"));
        process(task, "in", 1, 10_000, "alice", "x");   // its session ends long before 100s - 5s: dropped
        assertThat(restored.outputTimestamps).isEmpty();
        task.close();

        OutputCollector fresh = new OutputCollector();
        task = task(topology, fresh, Map.of());
        process(task, "in", 1, 10_000, "alice", "x");
        assertThat(fresh.outputTimestamps).containsExactly(10_000L);
        task.close();
    }

    @Test
    void aLeftJoinStartsFromTheCommittedTimeAndEmitsARecordWhoseWindowClosedAtOnce() {
        StreamsBuilder builder = new StreamsBuilder();
        var right = builder.stream("right", Consumed.with(Serdes.string(), Serdes.string()));
        builder.stream("in", Consumed.with(Serdes.string(), Serdes.string()))
            .leftJoin(right, (l, r) -> l + "/" + r, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(5)),
                StreamJoined.with(Serdes.string(), Serdes.string(), Serdes.string()))
            .to("out", Produced.with(Serdes.string(), Serdes.string()));
        Topology topology = builder.build();
        OutputCollector restored = new OutputCollector();
        StreamTask task = task(topology, restored, at(100_000, "in", "right"));
        process(task, "in", 1, 10_000, "alice", "x");   // [5s, 15s] closed long ago: joined with null at once
        assertThat(restored.outputTimestamps).containsExactly(10_000L);
        assertThat(new String(restored.byTopic.get("out").get(0), StandardCharsets.UTF_8)).isEqualTo("x/null");
        task.close();

        OutputCollector fresh = new OutputCollector();
        task = task(topology, fresh, Map.of());
        process(task, "in", 1, 10_000, "alice", "x");   // held until stream time passes 15s
        assertThat(fresh.outputTimestamps).isEmpty();
        task.close();
    }
}
