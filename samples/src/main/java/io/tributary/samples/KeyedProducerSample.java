package io.tributary.samples;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.producer.Producer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A keyed producer: sends order events keyed by customer id and shows that every record with the same key lands
 * in the same partition (so a consumer sees each customer's orders in the order they were sent).
 *
 * <pre>
 * java -cp samples/target/tributary-samples.jar io.tributary.samples.KeyedProducerSample [--bootstrap-server host:port]
 * </pre>
 */
public final class KeyedProducerSample {
    static final String TOPIC = "sample-orders";

    private KeyedProducerSample() {
    }

    public static void main(String[] args) throws Exception {
        try (TargetCluster cluster = TargetCluster.fromArgs(args)) {
            run(cluster.bootstrapServers());
        }
    }

    static void run(String bootstrapServers) throws Exception {
        createTopicIfMissing(bootstrapServers);

        // Kafka's producer settings. acks=all: a send completes once the record is stored (on every in-sync replica).
        // enable.idempotence=true: a retried send is written once. linger.ms=5: wait a moment to fill batches.
        Map<String, Object> settings = Map.of(
            "bootstrap.servers", bootstrapServers,
            "acks", "all",
            "enable.idempotence", "true",
            "linger.ms", "5");
        Map<String, List<Integer>> partitionsByKey = new TreeMap<>();
        try (Producer<String, String> producer = TributaryProducer.create(settings,
                Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) {
            // send() returns at once; the future completes when the broker has stored the record (or failed)
            List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (int order = 1; order <= 9; order++) {
                String customer = "customer-" + (order % 3 + 1);
                // the key picks the partition: murmur2(key) modulo the partition count, as Kafka's clients do
                ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, customer, "order-" + order);
                records.add(record);
                sends.add(producer.send(record));
            }
            producer.flush(); // send everything still waiting in a batch now, not after linger.ms
            for (int i = 0; i < sends.size(); i++) {
                RecordMetadata sent = sends.get(i).join(); // throws if the send failed
                ProducerRecord<String, String> record = records.get(i);
                System.out.printf("%s %s -> partition %d, offset %d%n", record.key(), record.value(),
                    sent.partition(), sent.offset());
                partitionsByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(sent.partition());
            }
        }
        // the point of keys: one customer's orders share a partition, so they stay in the order they were sent
        partitionsByKey.forEach((key, partitions) -> System.out.println(key + ": " + partitions.size()
            + " records, partitions " + partitions.stream().distinct().toList()));
    }

    /** Creates the sample's topic with three partitions, unless it exists (a second run, a shared cluster). */
    private static void createTopicIfMissing(String bootstrapServers) {
        try (Admin admin = TributaryAdmin.create(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).join();
            System.out.println("Created topic " + TOPIC + " with 3 partitions");
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof TributaryException te && te.error() == Errors.TOPIC_ALREADY_EXISTS)) {
                throw e;
            }
            System.out.println("Topic " + TOPIC + " exists already");
        }
    }
}
