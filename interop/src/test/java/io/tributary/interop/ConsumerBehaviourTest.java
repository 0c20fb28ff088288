package io.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.ConsumerRecords;
import io.tributary.clients.consumer.NoOffsetForPartitionException;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.consumer.RecordDeserializationException;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.consumer.WakeupException;
import io.tributary.clients.serialization.Deserializer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our consumer's single-member behaviour: resets, commits, pause, wakeup, patterns, limits, bad records. */
@Tag("interop")
class ConsumerBehaviourTest {

    /** The group's committed offsets as the real Admin sees them. */
    private static Map<Integer, Long> committedByAdmin(TestCluster cluster, String group) throws Exception {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Map<Integer, Long> out = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, om) -> out.put(tp.partition(), om.offset()));
            return out;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void autoOffsetReset(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("reset");
        ConsumerFixtures.createTopic(cluster, topic, 2);
        ConsumerFixtures.produce(cluster, topic, 0, 20);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);

        try (var c = ConsumerFixtures.ours(cluster, Clusters.uniqueName("g"), Map.of("auto.offset.reset", "earliest"))) {
            c.subscribe(List.of(topic));
            assertThat(ConsumerFixtures.pollUntil(c, 20)).hasSize(20);
        }
        try (var c = ConsumerFixtures.ours(cluster, Clusters.uniqueName("g"), Map.of("auto.offset.reset", "latest"))) {
            c.assign(List.of(p0, p1));
            long end = c.position(p0) + c.position(p1);
            assertThat(end).isEqualTo(20);
            ConsumerFixtures.produce(cluster, topic, 20, 5);
            List<ConsumerRecord<String, String>> got = ConsumerFixtures.pollUntil(c, 5);
            assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("v20", "v21", "v22", "v23",
                "v24");
        }
        try (var c = ConsumerFixtures.ours(cluster, Clusters.uniqueName("g"), Map.of("auto.offset.reset", "none"))) {
            c.assign(List.of(p0, p1));
            assertThatThrownBy(() -> c.poll(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(NoOffsetForPartitionException.class,
                    e -> assertThat(e.partitions()).containsExactlyInAnyOrder(p0, p1));
            c.seek(p0, 3);
            assertThatThrownBy(() -> c.poll(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(NoOffsetForPartitionException.class,
                    e -> assertThat(e.partitions()).containsExactly(p1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void autoCommitPeriodicallyAndOnClose(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("autocommit");
        String group = Clusters.uniqueName("g");
        ConsumerFixtures.createTopic(cluster, topic, 2);
        ConsumerFixtures.produce(cluster, topic, 0, 30);
        try (var c = ConsumerFixtures.ours(cluster, group, Map.of("enable.auto.commit", "true",
            "auto.commit.interval.ms", "200"))) {
            c.subscribe(List.of(topic));
            assertThat(ConsumerFixtures.pollUntil(c, 30)).hasSize(30);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                c.poll(Duration.ofMillis(50));
                assertThat(committedByAdmin(cluster, group).values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(30);
            });
        }
        ConsumerFixtures.produce(cluster, topic, 30, 10);
        try (var c = ConsumerFixtures.ours(cluster, group, Map.of("enable.auto.commit", "true",
            "auto.commit.interval.ms", "600000"))) {
            c.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> got = ConsumerFixtures.pollUntil(c, 10);
            assertThat(got).extracting(ConsumerRecord::value).doesNotContain("v0", "v29").hasSize(10);
            assertThat(committedByAdmin(cluster, group).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(30);
        } // the close commits
        assertThat(committedByAdmin(cluster, group).values().stream().mapToLong(Long::longValue).sum())
            .isEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void commitAsyncCallbackRunsInALaterPollAndCommittedReadsItBack(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("async");
        String group = Clusters.uniqueName("g");
        ConsumerFixtures.createTopic(cluster, topic, 1);
        ConsumerFixtures.produce(cluster, topic, 0, 10);
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (var c = ConsumerFixtures.ours(cluster, group, Map.of())) {
            c.subscribe(List.of(topic));
            assertThat(ConsumerFixtures.pollUntil(c, 10)).hasSize(10);
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            AtomicReference<Map<TopicPartition, OffsetAndMetadata>> reported = new AtomicReference<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            c.commitAsync(Map.of(p0, new OffsetAndMetadata(7, "meta")), (offsets, e) -> {
                ranOn.set(Thread.currentThread());
                reported.set(offsets);
                failure.set(e);
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                c.poll(Duration.ofMillis(50));
                assertThat(ranOn.get()).isSameAs(Thread.currentThread());
            });
            assertThat(failure.get()).isNull();
            assertThat(reported.get()).isEqualTo(Map.of(p0, new OffsetAndMetadata(7, "meta")));
            assertThat(c.committed(Set.of(p0))).isEqualTo(Map.of(p0, new OffsetAndMetadata(7, "meta")));
            assertThat(committedByAdmin(cluster, group)).isEqualTo(Map.of(0, 7L));
            c.commitSync();
            assertThat(c.committed(Set.of(p0)).get(p0).offset()).isEqualTo(10);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void pausedPartitionsReturnNothingWhileOthersFlow(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("pause");
        ConsumerFixtures.createTopic(cluster, topic, 2);
        ConsumerFixtures.produce(cluster, topic, 0, 200);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (var c = ConsumerFixtures.ours(cluster, null, Map.of("max.poll.records", "5"))) {
            c.assign(List.of(p0, p1));
            long total0 = c.endOffsets(List.of(p0)).get(p0);
            long total1 = c.endOffsets(List.of(p1)).get(p1);
            assertThat(total0).isPositive();
            assertThat(total1).isPositive();
            c.seekToBeginning(List.of(p0, p1));
            // take a few records so that one partition has data buffered, then pause that one
            ConsumerRecords<String, String> first = ConsumerRecords.empty();
            long deadline = System.currentTimeMillis() + 10_000;
            while (first.isEmpty() && System.currentTimeMillis() < deadline) {
                first = c.poll(Duration.ofMillis(100));
            }
            TopicPartition paused = first.partitions().iterator().next();
            TopicPartition flowing = paused.equals(p0) ? p1 : p0;
            long pausedAt = c.position(paused);
            c.pause(List.of(paused));
            assertThat(c.paused()).containsExactly(paused);
            long flowingTotal = flowing.equals(p0) ? total0 : total1;
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
                c.poll(Duration.ofMillis(50)).forEach(got::add);
                return c.position(flowing) == flowingTotal;
            });
            assertThat(got).allMatch(r -> r.topicPartition().equals(flowing));
            assertThat(c.position(paused)).isEqualTo(pausedAt);
            c.resume(List.of(paused));
            got.clear();
            long pausedTotal = paused.equals(p0) ? total0 : total1;
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
                c.poll(Duration.ofMillis(50)).forEach(got::add);
                return c.position(paused) == pausedTotal;
            });
            assertThat(got).extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(KafkaProducerToOurConsumerTest.range(pausedAt, pausedTotal));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void seekBackAfterAPartialPollRereads(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("seekback");
        ConsumerFixtures.createTopic(cluster, topic, 1);
        ConsumerFixtures.produce(cluster, topic, 0, 50);
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (var c = ConsumerFixtures.ours(cluster, null, Map.of("max.poll.records", "7"))) {
            c.assign(List.of(p0));
            c.seekToBeginning(List.of(p0));
            List<ConsumerRecord<String, String>> first = ConsumerFixtures.pollUntil(c, 1);
            assertThat(first).hasSizeBetween(1, 7);
            assertThat(first.get(0).offset()).isZero();
            c.seek(p0, 0);
            List<ConsumerRecord<String, String>> again = ConsumerFixtures.pollUntil(c, 50);
            assertThat(again).extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(KafkaProducerToOurConsumerTest.range(0, 50));
            c.seek(p0, 45);
            c.seek(p0, 10); // the last seek wins
            assertThat(ConsumerFixtures.pollUntil(c, 40)).extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(KafkaProducerToOurConsumerTest.range(10, 50));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void wakeupFromAnotherThreadEndsABlockedPoll(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("wakeup");
        ConsumerFixtures.createTopic(cluster, topic, 1);
        try (var c = ConsumerFixtures.ours(cluster, Clusters.uniqueName("g"), Map.of())) {
            c.subscribe(List.of(topic));
            CompletableFuture<Void> woken = CompletableFuture.runAsync(c::wakeup,
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
            long start = System.currentTimeMillis();
            assertThatThrownBy(() -> c.poll(Duration.ofSeconds(30))).isInstanceOf(WakeupException.class);
            assertThat(System.currentTimeMillis() - start).isLessThan(10_000);
            woken.get(5, TimeUnit.SECONDS);
            // the wakeup is used up: the consumer goes on
            ConsumerFixtures.produce(cluster, topic, 0, 3);
            assertThat(ConsumerFixtures.pollUntil(c, 3)).hasSize(3);
            // and a wakeup before a poll makes that poll throw
            c.wakeup();
            assertThatThrownBy(() -> c.poll(Duration.ofSeconds(5))).isInstanceOf(WakeupException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void patternSubscriptionPicksUpATopicCreatedLater(TestCluster cluster) throws Exception {
        String prefix = Clusters.uniqueName("pattern");
        String first = prefix + "-a";
        String later = prefix + "-b";
        ConsumerFixtures.createTopic(cluster, first, 1);
        ConsumerFixtures.produce(cluster, first, 0, 5);
        try (var c = ConsumerFixtures.ours(cluster, Clusters.uniqueName("g"), Map.of("metadata.max.age.ms", "300"))) {
            c.subscribe(Pattern.compile(Pattern.quote(prefix) + "-.*"), null);
            assertThat(ConsumerFixtures.pollUntil(c, 5)).extracting(ConsumerRecord::topic).containsOnly(first);
            c.commitSync(); // the new topic's rebalance is eager: without a commit, the first topic is read again
            ConsumerFixtures.createTopic(cluster, later, 2);
            ConsumerFixtures.produce(cluster, later, 0, 6);
            List<ConsumerRecord<String, String>> got = ConsumerFixtures.pollUntil(c, 6);
            assertThat(got).extracting(ConsumerRecord::topic).containsOnly(later).hasSize(6);
            assertThat(c.subscription()).containsExactlyInAnyOrder(first, later);
            assertThat(c.assignment()).containsExactlyInAnyOrder(new TopicPartition(first, 0),
                new TopicPartition(later, 0), new TopicPartition(later, 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void maxPollRecordsIsRespected(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("maxpoll");
        ConsumerFixtures.createTopic(cluster, topic, 3);
        ConsumerFixtures.produce(cluster, topic, 0, 100);
        try (var c = ConsumerFixtures.ours(cluster, Clusters.uniqueName("g"), Map.of("max.poll.records", "7"))) {
            c.subscribe(List.of(topic));
            int n = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (n < 100 && System.currentTimeMillis() < deadline) {
                int count = c.poll(Duration.ofMillis(100)).count();
                assertThat(count).isLessThanOrEqualTo(7);
                n += count;
            }
            assertThat(n).isEqualTo(100);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void aRecordThatCannotBeDeserializedIsReportedAndCanBeSkipped(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("poison");
        ConsumerFixtures.createTopic(cluster, topic, 1);
        ConsumerFixtures.produce(cluster, topic, 0, 20); // v0..v19, all in partition 0
        TopicPartition p0 = new TopicPartition(topic, 0);
        Deserializer<String> failsOnV7 = (t, data) -> {
            String s = Serdes.STRING_DESERIALIZER.deserialize(t, data);
            if ("v7".equals(s)) {
                throw new IllegalArgumentException("cannot read v7");
            }
            return s;
        };
        Map<String, Object> config = ConsumerFixtures.config(cluster, null, Map.of());
        try (var c = TributaryConsumer.create(config, Serdes.STRING_DESERIALIZER, failsOnV7)) {
            c.assign(List.of(p0));
            c.seekToBeginning(List.of(p0));
            List<String> values = new ArrayList<>();
            RecordDeserializationException failure = null;
            long deadline = System.currentTimeMillis() + 20_000;
            while (failure == null && System.currentTimeMillis() < deadline) {
                try {
                    c.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
                } catch (RecordDeserializationException e) {
                    failure = e;
                }
            }
            assertThat(failure).isNotNull();
            assertThat(failure.topicPartition()).isEqualTo(p0);
            assertThat(failure.offset()).isEqualTo(7);
            assertThat(values).containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6");
            assertThat(c.position(p0)).isEqualTo(7);
            // it stays stuck there until the application seeks past it
            assertThatThrownBy(() -> c.poll(Duration.ofMillis(500))).isInstanceOf(RecordDeserializationException.class);
            c.seek(p0, 8);
            assertThat(ConsumerFixtures.pollUntil(c, 12)).extracting(ConsumerRecord::value)
                .containsExactly("v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void aPositionPastTheEndIsResetByAutoOffsetReset(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("oor");
        ConsumerFixtures.createTopic(cluster, topic, 1);
        ConsumerFixtures.produce(cluster, topic, 0, 10);
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (var c = ConsumerFixtures.ours(cluster, null, Map.of("auto.offset.reset", "earliest"))) {
            c.assign(List.of(p0));
            c.seek(p0, 1000);
            assertThat(ConsumerFixtures.pollUntil(c, 10)).extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(KafkaProducerToOurConsumerTest.range(0, 10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tributary.interop.Clusters#both")
    void smallFetchSizesStillReadEveryRecord(TestCluster cluster) throws Exception {
        String topic = Clusters.uniqueName("smallfetch");
        ConsumerFixtures.createTopic(cluster, topic, 1);
        Map<String, Object> pc = cluster.clientConfig();
        pc.put("batch.size", "4096");
        pc.put("linger.ms", "20");
        String pad = "p".repeat(700);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(pc,
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, 0, "k", i + pad));
            }
            producer.flush();
        }
        TopicPartition p0 = new TopicPartition(topic, 0);
        // a fetch ends part-way into a batch: the partial batch is dropped and fetched again whole
        try (var c = ConsumerFixtures.ours(cluster, null, Map.of("max.partition.fetch.bytes", "5000",
            "fetch.max.bytes", "6000"))) {
            c.assign(List.of(p0));
            c.seekToBeginning(List.of(p0));
            List<ConsumerRecord<String, String>> got = ConsumerFixtures.pollUntil(c, 100);
            assertThat(got).extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(KafkaProducerToOurConsumerTest.range(0, 100));
            assertThat(got).allMatch(r -> r.value().equals(r.offset() + pad));
        }
    }
}
