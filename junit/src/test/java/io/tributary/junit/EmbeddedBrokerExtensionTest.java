package io.tributary.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.TributaryConsumer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.TopicPartition;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@EmbeddedBroker(properties = {"num.partitions=3", "auto.create.topics.enable=true"})
class EmbeddedBrokerExtensionTest {
    @BootstrapServers
    static String staticBootstrap;

    static String seenInBeforeAll;

    @BootstrapServers
    String bootstrap;

    @BeforeAll
    static void beforeAll(@BootstrapServers String fromParameter) {
        seenInBeforeAll = fromParameter;
    }

    @Test
    void injectsTheSameAddressEverywhere(@BootstrapServers String parameter, BrokerInfo info) {
        assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+").isEqualTo(staticBootstrap).isEqualTo(parameter)
            .isEqualTo(seenInBeforeAll).isEqualTo(info.bootstrapServers());
        assertThat(info.boundAddress().getPort()).isPositive();
        assertThat(info.logDir()).isDirectory();
        assertThat(info.startTime()).isPositive();
    }

    @Test
    void theBrokerServesClientsWithTheAnnotationsSettings() {
        Map<String, Object> producerProps = Map.of("bootstrap.servers", bootstrap);
        try (var producer = TributaryProducer.create(producerProps, Serdes.STRING_SERIALIZER,
                Serdes.STRING_SERIALIZER)) {
            assertThat(producer.partitionsFor("orders")).hasSize(3); // num.partitions=3 from the annotation
            producer.send(new ProducerRecord<>("orders", 1, "k", "v")).join();
        }
        Map<String, Object> consumerProps = Map.of("bootstrap.servers", bootstrap);
        try (var consumer = TributaryConsumer.create(consumerProps, Serdes.STRING_DESERIALIZER,
                Serdes.STRING_DESERIALIZER)) {
            TopicPartition tp = new TopicPartition("orders", 1);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.key() + "=" + r.value());
                }
            }
            assertThat(values).containsExactly("k=v");
        }
    }

    @Nested
    class NestedWithoutItsOwnAnnotation {
        @BootstrapServers
        String nestedBootstrap;

        @Test
        void sharesTheEnclosingClassesBroker(BrokerInfo info) throws Exception {
            assertThat(nestedBootstrap).isEqualTo(staticBootstrap).isEqualTo(info.bootstrapServers());
            assertThat(Files.isDirectory(info.logDir())).isTrue();
        }
    }
}
