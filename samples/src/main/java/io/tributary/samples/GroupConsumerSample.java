package io.tributary.samples;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.consumer.Consumer;
import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.ConsumerRecords;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A consumer in a consumer group that commits offsets itself, after processing, so a record counts as done only
 * once the application has handled it (at-least-once: after a crash the group resumes at the last commit).
 *
 * <p>To be self-contained it first writes a few payments, then reads until it has caught up with the end of the
 * topic, committing after every batch, and finally shows the group's committed offsets. Run it twice against the
 * same cluster and the second run reads only the new payments: the group resumes where its commits left it.
 *
 * <pre>
 * java -cp samples/target/tributary-samples.jar io.tributary.samples.GroupConsumerSample [--bootstrap-server host:port]
 * </pre>
 */
public final class GroupConsumerSample {
    static final String TOPIC = "sample-payments";
    static final String GROUP = "sample-payments-auditor";

    private GroupConsumerSample() {
    }

    public static void main(String[] args) throws Exception {
        try (TargetCluster cluster = TargetCluster.fromArgs(args)) {
            run(cluster.bootstrapServers());
        }
    }

    static void run(String bootstrapServers) {
        writePayments(bootstrapServers, 6);

        Map<String, Object> settings = Map.of(
            "bootstrap.servers", bootstrapServers,
            "group.id", GROUP,                 // consumers with the same group.id share the topic's partitions
            "enable.auto.commit", "false",     // we commit ourselves, after processing
            "auto.offset.reset", "earliest",   // a group without commits starts at the beginning
            "max.poll.records", "2");          // small batches, to show a commit per batch
        try (Consumer<String, String> consumer = TributaryConsumer.create(settings,
                Serdes.STRING_DESERIALIZER, Serdes.STRING_DESERIALIZER)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.currentTimeMillis() + 30_000;
            int processed = 0;
            while (!caughtUp(consumer)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("did not catch up with " + TOPIC + " within 30 s");
                }
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(500));
                if (batch.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<String, String> r : batch) {
                    System.out.printf("processed %s=%s (partition %d, offset %d)%n", r.key(), r.value(),
                        r.partition(), r.offset());
                    processed++;
                    // the committed offset is the NEXT record to read, hence + 1
                    done.put(r.topicPartition(), new OffsetAndMetadata(r.offset() + 1));
                }
                consumer.commitSync(done); // waits for the broker: these records will not be read again by the group
                System.out.println("committed " + done.size() + " partition(s) after a batch of " + batch.count());
            }
            System.out.println("caught up after " + processed + " records; the group's committed offsets:");
            consumer.committed(consumer.assignment()).entrySet().stream()
                .filter(e -> e.getValue() != null)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.println("  " + e.getKey() + " -> " + e.getValue().offset()));
        } // close() leaves the group, so its partitions go to the remaining members at once
    }

    /** Whether the consumer has partitions and has read each of them to its end. */
    private static boolean caughtUp(Consumer<String, String> consumer) {
        Set<TopicPartition> assigned = consumer.assignment(); // empty until the group has assigned partitions
        if (assigned.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        return assigned.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
    }

    private static void writePayments(String bootstrapServers, int count) {
        try (Admin admin = TributaryAdmin.create(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof TributaryException te && te.error() == Errors.TOPIC_ALREADY_EXISTS)) {
                throw e;
            }
        }
        try (Producer<String, String> producer = TributaryProducer.create(
                Map.of("bootstrap.servers", bootstrapServers), Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                sends.add(producer.send(new ProducerRecord<>(TOPIC, "account-" + (i % 2), "payment-" + i)));
            }
            producer.flush();
            sends.forEach(CompletableFuture::join); // throws if a send failed
        }
        System.out.println("wrote " + count + " payments to " + TOPIC);
    }
}
