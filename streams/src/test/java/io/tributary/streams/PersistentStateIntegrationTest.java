package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.admin.OffsetSpec;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import io.tributary.streams.kstream.Consumed;
import io.tributary.streams.kstream.Materialized;
import io.tributary.streams.kstream.Produced;
import io.tributary.streams.processor.StateRestoreListener;
import io.tributary.streams.state.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RocksDB stores with checkpoints on broker-lite: a restart replays only the changelog records written after the
 * checkpoint, and a stop without a valid checkpoint wipes the store and restores it in full, with correct counts.
 */
class PersistentStateIntegrationTest extends EmbeddedStreamsTest {
    @TempDir
    Path stateDirs;

    /** Restored record counts and starting offsets per changelog partition, for one run. */
    private static final class Restores implements StateRestoreListener {
        final Map<Integer, Long> restored = new ConcurrentHashMap<>();
        final Map<Integer, Long> startingOffsets = new ConcurrentHashMap<>();

        @Override
        public void onRestoreStart(TopicPartition changelog, String storeName, long startingOffset, long endingOffset) {
            startingOffsets.put(changelog.partition(), startingOffset);
        }

        @Override
        public void onRestoreEnd(TopicPartition changelog, String storeName, long totalRestored) {
            restored.put(changelog.partition(), totalRestored);
        }

        long total() {
            return restored.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Topology countTopology(String in, String out, AtomicBoolean explodeOnce) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.string(), Serdes.string()))
            .peek((k, v) -> {
                if (v.equals("boom") && explodeOnce.compareAndSet(true, false)) {
                    throw new IllegalStateException("boom");
                }
            })
            .groupByKey()
            .count(Materialized.as(Stores.persistentKeyValueStore("clicks")))
            .toStream()
            .to(out, Produced.with(Serdes.string(), Serdes.longs()));
        return builder.build();
    }

    private TributaryStreams run(Topology topology, String app, Path stateDir, Restores restores) {
        TributaryStreams streams = create(topology, app, Map.of("state.dir", stateDir.toString()));
        streams.setGlobalStateRestoreListener(restores);
        streams.start();
        await().atMost(WAIT).until(() -> streams.state() == TributaryStreams.State.RUNNING);
        return streams;
    }

    private void sendEach(String topic, List<String> users) {
        users.forEach(u -> send(topic, u, "click"));
    }

    private Map<String, Long> latest(String topic, int updates) {
        Map<String, Long> out = new HashMap<>();
        for (ConsumerRecord<String, Long> r : read(topic, updates, Serdes.string().deserializer(),
            Serdes.longs().deserializer(), false)) {
            out.put(r.key(), r.value());
        }
        return out;
    }

    @Test
    void aRestartReplaysOnlyTheChangelogTailAfterTheCheckpoint() {
        createTopics("clicks-in");
        Topology topology = countTopology("clicks-in", "clicks-out", new AtomicBoolean());
        Path dirA = stateDirs.resolve("a");
        Path dirB = stateDirs.resolve("b");

        sendEach("clicks-in", List.of("u0", "u1", "u2", "u3", "u4", "u0", "u1", "u2", "u3", "u4"));
        Restores first = new Restores();
        TributaryStreams a = run(topology, "clicks-app", dirA, first);
        assertThat(latest("clicks-out", 10)).containsEntry("u0", 2L).containsEntry("u4", 2L);
        assertThat(a.<String, Long>keyValueStore("clicks").get("u3")).isEqualTo(2L); // RocksDB, from this thread
        assertThat(a.close(WAIT)).isTrue();
        assertThat(first.total()).isZero();
        for (int task = 0; task < 2; task++) {
            assertThat(dirA.resolve("clicks-app").resolve(Integer.toString(task)).resolve(".checkpoint")).exists();
            assertThat(dirA.resolve("clicks-app").resolve(Integer.toString(task)).resolve("clicks")).isDirectory();
        }

        // the same state directory: nothing to replay
        Restores second = new Restores();
        TributaryStreams again = run(topology, "clicks-app", dirA, second);
        assertThat(again.<String, Long>keyValueStore("clicks").get("u0")).isEqualTo(2L);
        assertThat(again.close(WAIT)).isTrue();
        assertThat(second.restored).hasSize(2);
        assertThat(second.total()).isZero();
        assertThat(second.startingOffsets).isEqualTo(changelogEnds("clicks-app-clicks-changelog"));

        // another machine (state directory) takes over and writes 6 more changelog records
        Restores onB = new Restores();
        TributaryStreams b = run(topology, "clicks-app", dirB, onB);
        assertThat(onB.total()).isEqualTo(10); // no checkpoint there: a full restore
        sendEach("clicks-in", List.of("u0", "u5", "u0", "u5", "u0", "u5"));
        assertThat(latest("clicks-out", 16)).containsEntry("u0", 5L).containsEntry("u5", 3L);
        assertThat(b.close(WAIT)).isTrue();

        // back on A: only B's 6 records are replayed, after A's checkpoint
        Restores third = new Restores();
        TributaryStreams back = run(topology, "clicks-app", dirA, third);
        try {
            assertThat(third.total()).isEqualTo(6);
            assertThat(back.<String, Long>keyValueStore("clicks").get("u5")).isEqualTo(3L);
            send("clicks-in", "u0", "click");
            assertThat(latest("clicks-out", 17)).containsEntry("u0", 6L).containsEntry("u1", 2L);
        } finally {
            assertThat(back.close(WAIT)).isTrue();
        }
    }

    @Test
    void aStopWithoutAValidCheckpointWipesTheStoreAndRestoresInFull() throws Exception {
        createTopics("taps-in");
        AtomicBoolean explodeOnce = new AtomicBoolean(true);
        Topology topology = countTopology("taps-in", "taps-out", explodeOnce);
        Path dir = stateDirs.resolve("crash");
        List<String> users = List.of("t0", "t1", "t2", "t3", "t0", "t1", "t2", "t3");
        sendEach("taps-in", users);

        TributaryStreams crashing = run(topology, "taps-app", dir, new Restores());
        latest("taps-out", users.size());
        awaitCommittedToEnd("taps-app", "taps-in");
        Path task0 = dir.resolve("taps-app").resolve("0");
        Path task1 = dir.resolve("taps-app").resolve("1");
        await().atMost(WAIT).until(() -> Files.exists(task0.resolve(".checkpoint"))
            && Files.exists(task1.resolve(".checkpoint")));

        // a record that kills the thread before it commits: its task's checkpoint is gone from the first write on
        RecordMetadata poison = producer.send(new ProducerRecord<>("taps-in", "t9", "boom")).join();
        await().atMost(WAIT).until(() -> crashing.state() == TributaryStreams.State.ERROR);
        int crashed = poison.partition();
        int other = 1 - crashed;
        assertThat(dir.resolve("taps-app").resolve(Integer.toString(crashed)).resolve(".checkpoint")).doesNotExist();
        assertThat(dir.resolve("taps-app").resolve(Integer.toString(other)).resolve(".checkpoint")).exists();
        crashing.close(WAIT);
        long crashedChangelogEnd = changelogEnds("taps-app-clicks-changelog").get(crashed);
        assertThat(crashedChangelogEnd).isPositive();

        Restores restores = new Restores();
        TributaryStreams restarted = run(topology, "taps-app", dir, restores);
        try {
            assertThat(restores.startingOffsets).containsEntry(crashed, 0L);
            assertThat(restores.restored).containsEntry(crashed, crashedChangelogEnd).containsEntry(other, 0L);
            // the poison record, read again, now counts once; nothing else was counted twice
            Map<String, Long> counts = latest("taps-out", users.size() + 1);
            assertThat(counts).containsEntry("t9", 1L);
            for (String u : List.of("t0", "t1", "t2", "t3")) {
                assertThat(restarted.<String, Long>keyValueStore("clicks").get(u)).as(u).isEqualTo(2L);
            }
        } finally {
            assertThat(restarted.close(WAIT)).isTrue();
        }
    }

    /** The end offset of each partition of {@code changelog}, by partition. */
    private Map<Integer, Long> changelogEnds(String changelog) {
        Map<Integer, Long> out = new HashMap<>();
        admin.listOffsets(Map.of(new TopicPartition(changelog, 0), OffsetSpec.latest(),
                new TopicPartition(changelog, 1), OffsetSpec.latest())).join()
            .forEach((tp, info) -> out.put(tp.partition(), info.offset()));
        return out;
    }

    private void awaitCommittedToEnd(String group, String topic) {
        Map<TopicPartition, OffsetSpec> specs = Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(),
            new TopicPartition(topic, 1), OffsetSpec.latest());
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(specs).join().forEach((tp, info) -> {
            if (info.offset() > 0) {
                ends.put(tp, info.offset());
            }
        });
        await().atMost(WAIT).untilAsserted(() -> {
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(group).join().forEach((tp, om) -> committed.put(tp, om.offset()));
            assertThat(committed).isEqualTo(ends);
        });
    }
}
